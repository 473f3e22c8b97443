// Agreements in one status (signed, planned, under_discussion, launched, proposed) from a year on.
// Params: $status (e.g. "planned"), $since (a year, e.g. 2020; agreements without a year are kept).
MATCH (a:Agreement)
WHERE a.status = $status AND (a.year IS NULL OR a.year >= $since)
OPTIONAL MATCH (party)-[:PARTY_TO|LEADS]->(a)
RETURN a.name AS agreement, a.year AS year, collect(DISTINCT party.name) AS parties
ORDER BY coalesce(a.year, 0) DESC, agreement
