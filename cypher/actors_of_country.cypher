// Agencies and companies based in a country, with the officials who work for them.
// Params: $country (a name, an alias or an ISO code).
MATCH (c:Country)
WHERE toLower(c.name) = toLower($country) OR c.iso2 = toUpper($country) OR c.iso3 = toUpper($country)
   OR any(alias IN c.aliases WHERE toLower(alias) = toLower($country))
MATCH (o)-[:BASED_IN]->(c)
OPTIONAL MATCH (person:Person)-[:WORKS_FOR]->(o)
RETURN o.name AS organisation, labels(o)[0] AS label, collect(DISTINCT person.name) AS people
ORDER BY label, organisation
