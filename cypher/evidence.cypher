// The evidence behind the links between two entities: type, sentences, documents and confidence.
// A link keeps its first ten sentences and its latest article's (`minegraph export` and the
// workbench give them all); `mentions` counts every sentence.
// Params: $a and $b (names or aliases of the two entities, in either order).
MATCH (x)-[r]-(y)
WHERE type(r) <> 'MENTIONS'
  AND (toLower(x.name) = toLower($a) OR any(alias IN x.aliases WHERE toLower(alias) = toLower($a)))
  AND (toLower(y.name) = toLower($b) OR any(alias IN y.aliases WHERE toLower(alias) = toLower($b)))
RETURN startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence AS evidence, r.evidence_latest AS latest, r.doc_ids AS documents, r.mentions AS mentions,
       r.confidence AS confidence
ORDER BY type
