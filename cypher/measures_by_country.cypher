// Measures a country imposes (itself or through its agencies): kind, status, year, minerals and companies affected.
// Params: $country (a name, an alias or an ISO code, e.g. "China", "CN").
MATCH (c:Country)
WHERE toLower(c.name) = toLower($country) OR c.iso2 = toUpper($country) OR c.iso3 = toUpper($country)
   OR any(alias IN c.aliases WHERE toLower(alias) = toLower($country))
OPTIONAL MATCH (agency:Agency)-[:BASED_IN]->(c)
WITH c, collect(agency) + [c] AS governments
UNWIND governments AS government
MATCH (x:Measure)-[:IMPOSED_BY]->(government)
WITH DISTINCT x
OPTIONAL MATCH (x)-[:TARGETS]->(m:Mineral)
OPTIONAL MATCH (x)-[:AFFECTS]->(company:Company)
RETURN x.name AS measure, x.kind AS kind, x.status AS status, x.year AS year,
       collect(DISTINCT m.name) AS minerals, collect(DISTINCT company.name) AS affects
ORDER BY kind, coalesce(x.year, 0) DESC, measure
