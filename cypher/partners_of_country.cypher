// Partners of a country as `minegraph centrality --focus` counts them: actors that share an agreement or event with it or with one of its own agencies and companies, or are stated to cooperate with one of them, and through what (carried_by: its own actors that carry the tie). Its own actors (based in it, or part of one that is) are never its partners; the weights are centrality's.
// Params: $country (a name, an alias or an ISO code, e.g. "South Korea", "Korea", "KR").
MATCH (c:Country)
WHERE toLower(c.name) = toLower($country) OR c.iso2 = toUpper($country) OR c.iso3 = toUpper($country)
   OR any(alias IN c.aliases WHERE toLower(alias) = toLower($country))
OPTIONAL MATCH (o)-[:BASED_IN]->(c)
WITH c, collect(DISTINCT o) AS based
OPTIONAL MATCH (p)-[:PART_OF*1..8]->(w)-[:BASED_IN]->(c)
WITH c, based, collect(DISTINCT p) AS parts
WITH c, based + parts AS own
UNWIND [c] + own AS member
MATCH (member)-[r:PARTY_TO|LEADS|PARTICIPATED_IN|ORGANIZED|COOPERATES_WITH]-(x)
WHERE x:Agreement OR x:Event OR type(r) = 'COOPERATES_WITH'
OPTIONAL MATCH (x)<-[:PARTY_TO|LEADS|PARTICIPATED_IN|ORGANIZED]-(p)
WITH c, own, member, x, CASE WHEN x:Agreement OR x:Event THEN p ELSE x END AS partner
WHERE partner IS NOT NULL AND partner <> c AND NOT partner IN own
  AND (partner:Country OR partner:Agency OR partner:Company)
RETURN partner.name AS partner, labels(partner)[0] AS label,
       collect(DISTINCT CASE WHEN x = partner THEN 'stated cooperation' ELSE x.name END) AS through,
       collect(DISTINCT CASE WHEN member = c THEN null ELSE member.name END) AS carried_by,
       count(DISTINCT x) AS ties
ORDER BY ties DESC, partner
