// Partners of a country: who shares an agreement or event with it, or is said to cooperate with it, and through what.
// Params: $country (a name, an alias or an ISO code, e.g. "South Korea", "Korea", "KR").
MATCH (c:Country)
WHERE toLower(c.name) = toLower($country) OR c.iso2 = toUpper($country) OR c.iso3 = toUpper($country)
   OR any(alias IN c.aliases WHERE toLower(alias) = toLower($country))
MATCH (c)-[:PARTY_TO|LEADS|PARTICIPATED_IN|ORGANIZED|COOPERATES_WITH]-(x)
OPTIONAL MATCH (x)-[:PARTY_TO|LEADS|PARTICIPATED_IN|ORGANIZED]-(p)
WITH c, x, CASE WHEN x:Agreement OR x:Event THEN p ELSE x END AS partner
WHERE partner IS NOT NULL AND partner <> c AND (partner:Country OR partner:Agency OR partner:Company)
RETURN partner.name AS partner, labels(partner)[0] AS label,
       collect(DISTINCT CASE WHEN x = partner THEN 'cooperation' ELSE x.name END) AS through,
       count(DISTINCT x) AS ties
ORDER BY ties DESC, partner
