import fs from "node:fs";
import { privacyDocument } from "../lib/privacy/document";

/** `npm run privacy:docs`: writes docs/privacy.md from the registry of personal data. */
fs.writeFileSync(new URL("../docs/privacy.md", import.meta.url), privacyDocument());
console.log("docs/privacy.md written from lib/privacy/registry.ts");
