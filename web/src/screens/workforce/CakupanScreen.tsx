// Coverage at a glance: RWs without an active PSM and RWs with more than one, per kecamatan and
// kelurahan, the same on a map (its own chunk, with Leaflet, loaded when it comes near the
// screen: the figures paint first), and the SKs that end within 60 days. TKSK: their kecamatan;
// office: the kota.
import { getCakupan } from '../../api/workforce';
import { LazyNear } from '../../components/LazyNear';
import { ErrorState, Loading, PageTitle } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { WilayahName } from '../../components/WilayahName';
import { formatDate, formatNumber, t, tn } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
// Its table's style (.compare) lives with the registry screens' CSS; opened first, it needs it too.
import '../../styles/registry.css';

const loadPeta = () => import('./CakupanPeta');

export default function CakupanScreen({ query }: ScreenProps) {
  const kode = query.get('kode') ?? undefined;
  const res = useAsync((signal) => getCakupan(kode, signal), [kode]);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  const c = res.data;
  const gaps = c.kelurahan.filter((k) => k.rw_kosong > 0 || k.rw_ganda > 0);
  return (
    <section>
      <PageTitle title={t('wf.cakupan.title')}>{t('wf.cakupan.title')}</PageTitle>
      <p class="subtitle">
        <WilayahName kode={c.kode_wilayah} />
      </p>
      <ul class="stats">
        <li>
          <span class="stat-num">{formatNumber(c.rw_tercakup)}</span> {tn('wf.cakupan.tercakup', c.rw_tercakup, { rw: formatNumber(c.rw) })}
        </li>
        <li>
          <span class="stat-num">{formatNumber(c.rw_kosong)}</span> {t('wf.cakupan.kosong')}
        </li>
        <li>
          <span class="stat-num">{formatNumber(c.rw_ganda)}</span> {t('wf.cakupan.ganda')}
        </li>
        <li>
          <span class="stat-num">{formatNumber(c.psm_aktif)}</span> {t('wf.cakupan.psm')}
        </li>
      </ul>
      {c.kecamatan.length > 1 && (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t('wf.cakupan.perKecamatan')}>
          <table class="compare">
            <caption>{t('wf.cakupan.perKecamatan')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('wf.kecamatan')}</th>
                <th scope="col">RW</th>
                <th scope="col">{t('wf.cakupan.kosongShort')}</th>
                <th scope="col">{t('wf.cakupan.gandaShort')}</th>
                <th scope="col">TKSK</th>
              </tr>
            </thead>
            <tbody>
              {c.kecamatan.map((k) => (
                <tr key={k.kode}>
                  <th scope="row">
                    <Link href={`/cakupan?kode=${k.kode}`}>{k.nama}</Link>
                  </th>
                  <td>{k.rw}</td>
                  <td>{k.rw_kosong}</td>
                  <td>{k.rw_ganda}</td>
                  <td>{k.tksk ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('wf.peta.title')}</h2>
      <LazyNear id="cakupan-peta" load={loadPeta} props={{ kode }} tall />
      <h2>{t('wf.cakupan.celah')}</h2>
      <ul class="list list-rows">
        {gaps.map((k) => (
          <li key={k.kode}>
            <span class="list-title">{k.nama}</span>
            <span class="list-meta">
              {k.kosong.length > 0 && `${t('wf.cakupan.kosongShort')}: ${k.kosong.map((r) => r.nama).join(', ')}`}
              {k.kosong.length > 0 && k.ganda.length > 0 && ' · '}
              {k.ganda.length > 0 && `${t('wf.cakupan.gandaShort')}: ${k.ganda.map((r) => `${r.nama} (${r.psm.map((x) => x.nama).join(', ')})`).join('; ')}`}
            </span>
          </li>
        ))}
      </ul>
      <h2>{tn('wf.cakupan.sk', c.sk_peringatan_hari)}</h2>
      {c.sk_berakhir.length === 0 ? (
        <p>{t('wf.cakupan.skNone')}</p>
      ) : (
        <ul class="list list-rows">
          {c.sk_berakhir.map((s) => (
            <li key={s.sk.id}>
              <Link href={`/pilar-sosial/${s.pilar_id}`}>{s.nama}</Link> · {s.jenis.toUpperCase()} · SK {s.sk.nomor} ·{' '}
              {tn('wf.cakupan.sisa', s.sisa_hari, { tanggal: formatDate(s.sk.selesai) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
