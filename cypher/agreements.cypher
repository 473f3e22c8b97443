// Agreements with their status, year, parties and minerals, newest first.
// Params: none.
MATCH (a:Agreement)
OPTIONAL MATCH (party)-[:PARTY_TO|LEADS]->(a)
OPTIONAL MATCH (a)-[:COVERS]->(m:Mineral)
RETURN a.name AS agreement, a.kind AS kind, a.status AS status, a.year AS year,
       collect(DISTINCT party.name) AS parties, collect(DISTINCT m.name) AS minerals
ORDER BY coalesce(a.year, 0) DESC, agreement
