// Training events (pembinaan, bimtek): every event the caller may see, newest first; the office
// (operator, admin) creates one here and manages it on its own screen.
import { useState } from 'preact/hooks';
import type { Me } from '../../api/types';
import { createAcara, listAcara, type Acara, type JenisAcara } from '../../api/acara';
import { Disclosure, EmptyState, ErrorState, Field, Loading, PageTitle } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatNumber, t, tn } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { navigate } from '../../router/router';
import { Select } from '../registry/common';
import { Check, FormMessage, isOffice, statusLabel, tanggal, useSubmit } from './common';

export default function AcaraListScreen({ me }: ScreenProps) {
  const res = useAsync((signal) => listAcara(signal), []);
  const [open, setOpen] = useState(false);
  return (
    <section>
      <PageTitle title={t('acara.title')}>{t('acara.title')}</PageTitle>
      <p class="subtitle">{t('acara.lede')}</p>
      <p>
        <Link href="/kartu-saya">{t('acara.myCards')}</Link>
      </p>
      {isOffice(me.role) && (
        <Disclosure label={t('acara.create')} open={open} onToggle={setOpen}>
          <CreateForm me={me} onCreated={(a) => navigate(`/acara/${a.id}`)} />
        </Disclosure>
      )}
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.length === 0 ? (
        <EmptyState title={t('acara.none')} />
      ) : (
        <ul class="list">
          {res.data.map((a) => (
            <li key={a.id}>
              <Link href={`/acara/${a.id}`} class="list-link">
                <span class="list-main">{a.judul}</span>
                <span class="list-sub">
                  {tanggal(a)} · {a.tempat} · {statusLabel(a.status)} ·{' '}
                  {tn('acara.seats', a.kapasitas, { terisi: formatNumber(a.jumlah_terdaftar) })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateForm({ me, onCreated }: { me: Me; onCreated: (a: Acara) => void }) {
  const [judul, setJudul] = useState('');
  const [jenis, setJenis] = useState<JenisAcara>('pembinaan');
  const [mulai, setMulai] = useState('');
  const [selesai, setSelesai] = useState('');
  const [tempat, setTempat] = useState('');
  const [kapasitas, setKapasitas] = useState('');
  const [penyelenggara, setPenyelenggara] = useState('Dinas Sosial');
  const [wilayah, setWilayah] = useState(me.wilayah[0] ?? '');
  const [dasar, setDasar] = useState(false);
  const f = useSubmit();
  const submit = (e: Event) => {
    e.preventDefault();
    void f.run(async () => {
      const a = await createAcara({
        judul,
        jenis,
        tanggal_mulai: mulai,
        tanggal_selesai: selesai || mulai,
        tempat,
        kapasitas: kapasitas ? Number(kapasitas) : undefined,
        penyelenggara,
        kode_wilayah: wilayah,
        pelatihan_dasar: dasar,
      });
      onCreated(a);
      return t('acara.created');
    });
  };
  const jenisOptions = (['pembinaan', 'bimtek', 'sosialisasi', 'lainnya'] as const).map((j) => ({ value: j, label: t(`acara.jenis.${j}`) }));
  return (
    <form class="form form-inline-card" onSubmit={submit} noValidate>
      <FormMessage m={f.message} />
      <Field label={t('acara.judul')} value={judul} onValue={setJudul} error={f.errors.judul} required autocomplete="off" />
      <Select label={t('acara.jenis')} value={jenis} onValue={(v) => setJenis(v as JenisAcara)} options={jenisOptions} error={f.errors.jenis} />
      <Field label={t('acara.mulai')} type="date" value={mulai} onValue={setMulai} error={f.errors.tanggal_mulai} required />
      <Field label={t('acara.selesai')} type="date" value={selesai} onValue={setSelesai} error={f.errors.tanggal_selesai} />
      <Field label={t('acara.tempat')} value={tempat} onValue={setTempat} error={f.errors.tempat} required />
      <Field label={t('acara.kapasitas')} inputMode="numeric" value={kapasitas} onValue={setKapasitas} error={f.errors.kapasitas} required />
      <Field label={t('acara.penyelenggara')} value={penyelenggara} onValue={setPenyelenggara} error={f.errors.penyelenggara} required />
      <Field label={t('acara.wilayah')} value={wilayah} onValue={setWilayah} error={f.errors.kode_wilayah} hint={t('acara.wilayahHint')} required />
      <Check label={t('acara.dasar')} checked={dasar} onChange={setDasar} />
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={f.busy}>
          {t('acara.createSubmit')}
        </button>
      </div>
    </form>
  );
}
