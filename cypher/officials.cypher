// Named officials and experts, their titles and whom they work for.
// Params: none.
MATCH (p:Person)
OPTIONAL MATCH (p)-[:WORKS_FOR]->(o)
RETURN p.name AS person, p.title AS title, collect(DISTINCT o.name) AS works_for
ORDER BY person
