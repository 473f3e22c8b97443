// Supply options: a country's partners (as in partners_of_country: through it or its own agencies and companies) that hold a mineral and impose no export restriction on it.
// Params: $country (the focus country: a name, an alias or an ISO code), $mineral (a name or an alias).
// An export restriction is an export ban, control, quota or tax that is not lifted or suspended, on
// that mineral, one of its forms (a ban on "nickel ore" restricts nickel) or minerals in general.
MATCH (c:Country)
WHERE toLower(c.name) = toLower($country) OR c.iso2 = toUpper($country) OR c.iso3 = toUpper($country)
   OR any(alias IN c.aliases WHERE toLower(alias) = toLower($country))
MATCH (m:Mineral)
WHERE toLower(m.name) = toLower($mineral) OR any(alias IN m.aliases WHERE toLower(alias) = toLower($mineral))
OPTIONAL MATCH (o)-[:BASED_IN]->(c)
WITH c, m, collect(DISTINCT o) AS based
OPTIONAL MATCH (q)-[:PART_OF*1..8]->(w)-[:BASED_IN]->(c)
WITH c, m, based, collect(DISTINCT q) AS parts
UNWIND [c] + based + parts AS member
MATCH (member)-[r:PARTY_TO|LEADS|PARTICIPATED_IN|ORGANIZED|COOPERATES_WITH]-(x)
WHERE x:Agreement OR x:Event OR type(r) = 'COOPERATES_WITH'
OPTIONAL MATCH (x)<-[:PARTY_TO|LEADS|PARTICIPATED_IN|ORGANIZED]-(p)
WITH c, m, x, CASE WHEN x:Agreement OR x:Event THEN p ELSE x END AS partner
WHERE partner IS NOT NULL AND partner <> c AND partner:Country
MATCH (partner)-[:HAS_RESOURCE]->(m)
WITH m, partner, collect(DISTINCT CASE WHEN x = partner THEN 'cooperation' ELSE x.name END) AS through,
     count(DISTINCT x) AS ties
OPTIONAL MATCH (r:Measure)-[:IMPOSED_BY]->(partner)
WHERE r.kind IN ['export_ban', 'export_control', 'export_quota', 'export_tax']
  AND NOT r.status IN ['lifted', 'suspended']
OPTIONAL MATCH (r)-[:TARGETS]->(t:Mineral)
WITH m, partner, through, ties, r, collect(t.id) AS targets
WITH m, partner, through, ties,
     collect(CASE WHEN r IS NOT NULL AND (size(targets) = 0 OR any(t IN targets WHERE (t = m.id)
                  OR (t STARTS WITH (m.id + '-')) OR (m.id STARTS WITH (t + '-')))) THEN r.id END) AS restrictions
WHERE size(restrictions) = 0
RETURN partner.name AS partner, m.name AS mineral, through, ties
ORDER BY ties DESC, partner
