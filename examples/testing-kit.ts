// The testing kit: a mock gateway (Prism on the bundled spec + a local OAuth2 token endpoint)
// for your own integration tests — no Aptic account needed.
import { clientCredentials, createApticClient, unwrap } from "aptic-gateway-client";
import { startMockServer } from "aptic-gateway-client/testing";
import { listCustomers } from "aptic-gateway-client/operations";

const mock = await startMockServer();
try {
  const aptic = createApticClient({
    baseUrl: mock.baseUrl,
    auth: clientCredentials({ clientId: mock.clientId, clientSecret: mock.clientSecret, tokenUrl: mock.tokenUrl }),
  });
  const customers = await unwrap(aptic.call(listCustomers, { params: { query: { $top: 5 } } }));
  console.log("mock returned", customers.value?.length, "customers; tokens issued:", mock.tokensIssued);
} finally {
  await mock.close();
}
