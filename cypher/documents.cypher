// The source articles in the store: id, title, publisher, date, path and how many entities each mentions.
// Params: none.
MATCH (d:Document)
OPTIONAL MATCH (d)-[m:MENTIONS]->()
RETURN d.id AS id, d.title AS title, d.publisher AS publisher, d.published AS published, d.path AS path,
       count(m) AS entities
ORDER BY id
