// Who took part in which events: participants, organisers and where each event was held.
// Params: none.
MATCH (e:Event)
OPTIONAL MATCH (p)-[:PARTICIPATED_IN]->(e)
OPTIONAL MATCH (o)-[:ORGANIZED]->(e)
OPTIONAL MATCH (e)-[:HELD_IN]->(place:Country)
RETURN e.name AS event, e.year AS year, collect(DISTINCT place.name) AS held_in,
       collect(DISTINCT o.name) AS organisers, collect(DISTINCT p.name) AS participants
ORDER BY coalesce(e.year, 0) DESC, event
