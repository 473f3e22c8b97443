// Measures on a mineral: who restricts or promotes it, what kind of measure, since when, and whether it is in force.
// Params: $mineral (a name or an alias, e.g. "gallium", "rare earths").
MATCH (m:Mineral)
WHERE toLower(m.name) = toLower($mineral) OR any(alias IN m.aliases WHERE toLower(alias) = toLower($mineral))
MATCH (x:Measure)-[:TARGETS]->(m)
OPTIONAL MATCH (x)-[:IMPOSED_BY]->(who)
WITH x, collect(DISTINCT who.name) AS imposed_by
RETURN x.name AS measure, imposed_by, x.kind AS kind, x.status AS status, x.year AS since,
       x.status IN ['in_force', 'extended'] AS in_force
ORDER BY in_force DESC, coalesce(x.year, 0) DESC, measure
