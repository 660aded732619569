/** How many times `part` occurs in `text`: one native search per occurrence, not a loop per character. */
const countOf = (text: string, part: string): number => {
  let n = 0;
  for (
    let i = text.indexOf(part);
    i !== -1;
    i = text.indexOf(part, i + part.length)
  ) {
    n++;
  }
  return n;
};

export { countOf };
