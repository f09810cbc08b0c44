// Verifies one delivery the way a receiver would, with the standardwebhooks package.
//   WEBHOOK_SECRET=whsec_… node verify.mjs < delivery.json    (delivery.json: {"headers": {...}, "body": "..."})
// WEBHOOK_SECRET_FORMAT=raw for a secret that is not whsec_<base64>: its bytes are the key.
// Prints "verified <webhook-id>" or exits 1 with the package's error.
import { Webhook } from "standardwebhooks";

const input = JSON.parse(await new Promise((resolve) => {
  let data = "";
  process.stdin.on("data", (chunk) => (data += chunk));
  process.stdin.on("end", () => resolve(data));
}));
const options = process.env.WEBHOOK_SECRET_FORMAT === "raw" ? { format: "raw" } : undefined;
try {
  new Webhook(process.env.WEBHOOK_SECRET, options).verify(input.body, input.headers);
  console.log(`verified ${input.headers["webhook-id"]}`);
} catch (e) {
  console.error(`not verified: ${e.message}`);
  process.exit(1);
}
