// Minerals by country: resources a country is said to hold, and minerals its agreements cover.
// Params: none.
MATCH (c:Country)
OPTIONAL MATCH (c)-[:HAS_RESOURCE]->(held:Mineral)
OPTIONAL MATCH (c)-[:PARTY_TO|LEADS]->(:Agreement)-[:COVERS]->(dealt:Mineral)
WITH c, collect(DISTINCT held.name) AS resources, collect(DISTINCT dealt.name) AS in_agreements
WHERE size(resources) > 0 OR size(in_agreements) > 0
RETURN c.name AS country, resources, in_agreements
ORDER BY country
