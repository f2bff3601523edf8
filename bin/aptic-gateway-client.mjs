#!/usr/bin/env node
// `npx aptic-gateway-client doctor`: see `--help`, README "Doctor".
import { doctorMain } from "../dist/doctor/index.js";

process.exitCode = await doctorMain(process.argv.slice(2));
