import { useWilayahNames } from '../labels';

/** A region by its name with its code beside it, "Kota Tangerang (36.71)", for headers that would
 *  otherwise show a bare code; the code alone while the name loads or if it cannot be read.
 *  `codeFirst` ("36.71 · Kota Tangerang") for a line drawn before the name is known: the code
 *  stays where it was drawn and the name is added after it, so nothing already on screen moves. */
export function WilayahName({ kode, codeFirst = false }: { kode: string; codeFirst?: boolean }) {
  const [nama] = useWilayahNames([kode]);
  if (nama !== kode && codeFirst)
    return (
      <>
        <span class="code">{kode}</span> · {nama}
      </>
    );
  return <Named kode={kode} nama={nama} />;
}

/** A region already named (a list's rows, `useWilayahRowNames`): "RW 004, Kelurahan Sukarasa
 *  (36.71.01.1001.004)"; the code alone when the name is the code. */
export function Named({ kode, nama }: { kode: string; nama: string }) {
  if (nama === kode) return <span class="code">{kode}</span>;
  return (
    <>
      {/* "(36.71.01)" as one text that never breaks inside: it moves to the next line whole. */}
      {nama} <span class="code code-whole">{`(${kode})`}</span>
    </>
  );
}

/** Several named regions of one row, separated by semicolons (their names hold commas). */
export function NamedList({ codes, nameOf }: { codes: string[]; nameOf: (kode: string) => string }) {
  if (!codes.length) return <>–</>;
  return (
    <>
      {codes.map((k, i) => (
        <span key={k}>
          {i > 0 && '; '}
          <Named kode={k} nama={nameOf(k)} />
        </span>
      ))}
    </>
  );
}
