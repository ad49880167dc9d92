// Musyawarah kelurahan (TKSK, operator): verified proposals of one kelurahan, the minutes'
// number and date, and the minutes file (uploaded first as an attachment, then bound to the
// batch). The server takes the batch all or nothing. What is typed (kelurahan, proposals, number,
// date) is kept in the tab until recorded (components/kept.ts); a file input cannot be refilled,
// so the notice asks for the minutes file again.
import { useMemo, useRef, useState } from 'preact/hooks';
import { createMusyawarah, listUsulan, uploadLampiran } from '../../api/usulan';
import type { Me } from '../../api/types';
import { fieldSetter, useKept } from '../../components/kept';
import { EmptyState, ErrorState, Field, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { t, tn } from '../../i18n';
import { useWilayahNames } from '../../labels';
import { rtRwOfCode } from '../../wilayahRows';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { Checks, Select, today } from '../registry/common';
import { FileField, MAX_UPLOAD, alasanLabel, jenisLabel } from './common';

const kelurahanOf = (kode: string) => kode.split('.').slice(0, 4).join('.');

export default function MusyawarahScreen({ me }: ScreenProps) {
  const res = useAsync((signal) => listUsulan({ status: 'diverifikasi', limit: 200 }, signal), []);
  const [done, setDone] = useState<{ text: string; id: number } | null>(null);
  const title = t('usulan.mus.title');
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p class="subtitle">{t('usulan.mus.lede')}</p>
      {done && (
        <Notice tone="ok" focus={done}>
          {done.text}
        </Notice>
      )}
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.items.length === 0 ? (
        <EmptyState title={t('usulan.mus.none')}>{t('usulan.mus.noneHint')}</EmptyState>
      ) : (
        <MusyawarahForm
          key={done?.id ?? 0}
          me={me}
          items={res.data.items}
          onDone={(id, n) => {
            setDone({ id, text: tn('usulan.mus.done', n, { id }) });
            res.reload();
          }}
        />
      )}
      <p>
        <Link href="/usulan">{t('usulan.title')}</Link>
      </p>
    </section>
  );
}

function MusyawarahForm({
  me,
  items,
  onDone,
}: {
  me: Me;
  items: { id: number; jenis: string; alasan: string | null; kode_wilayah: string }[];
  onDone: (id: number, n: number) => void;
}) {
  const groups = useMemo(() => {
    const m = new Map<string, typeof items>();
    for (const u of items) {
      const k = kelurahanOf(u.kode_wilayah);
      m.set(k, [...(m.get(k) ?? []), u]);
    }
    return m;
  }, [items]);
  const kels = [...groups.keys()];
  const names = useWilayahNames(kels, { long: false });
  type Form = { kel: string; chosen: string[]; nomor: string; tanggal: string };
  const [form, setForm, forget, restored] = useKept<Form>(`${me.username}.musyawarah`, {
    kel: kels[0],
    chosen: (groups.get(kels[0]) ?? []).map((u) => String(u.id)),
    nomor: '',
    tanggal: today(),
  });
  // What was kept may name a kelurahan or proposals that have since left the list (recorded from
  // another device): only what is still there counts.
  const kel = groups.has(form.kel) ? form.kel : kels[0];
  const open = new Set((groups.get(kel) ?? []).map((u) => String(u.id)));
  const chosen = kel === form.kel ? form.chosen.filter((c) => open.has(c)) : [...open];
  const { nomor, tanggal } = form;
  const setChosen = (c: string[]) => setForm((f) => ({ ...f, kel, chosen: c }));
  const [setNomor, setTanggal] = [fieldSetter(setForm)('nomor'), fieldSetter(setForm)('tanggal')];
  // The minutes uploaded for this file already (a batch refused after its upload, say a number
  // already used): sent again, the same attachment is bound instead of a second copy.
  const uploaded = useRef<{ file: File; kel: string; id: number } | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const pickKel = (k: string) => setForm((f) => ({ ...f, kel: k, chosen: (groups.get(k) ?? []).map((u) => String(u.id)) }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (chosen.length === 0) errs.usulan_ids = t('usulan.mus.proposalsRequired');
    if (!nomor.trim()) errs.nomor_berita_acara = t('usulan.mus.nomorRequired');
    if (!tanggal) errs.tanggal = t('usulan.mus.tanggalRequired');
    if (!file) errs.notulen_lampiran_id = t('usulan.mus.notulenRequired');
    else if (file.size > MAX_UPLOAD) errs.notulen_lampiran_id = t('usulan.uploadTooBig');
    setErrors(errs);
    if (Object.keys(errs).length) {
      setMessage({ text: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const same = uploaded.current?.file === file && uploaded.current.kel === kel ? uploaded.current : null;
      const notulenId = same?.id ?? (await uploadLampiran(file!, { pemilik: 'musyawarah', kode_wilayah: kel })).id;
      uploaded.current = { file: file!, kel, id: notulenId };
      const m = await createMusyawarah({
        nomor_berita_acara: nomor.trim(),
        tanggal,
        notulen_lampiran_id: notulenId,
        usulan_ids: chosen.map(Number),
      });
      forget();
      onDone(m.id, m.usulan_ids.length);
    } catch (err) {
      const { message: msg, field } = describeError(err);
      if (field) setErrors({ [field === 'berkas' ? 'notulen_lampiran_id' : field]: msg });
      setMessage({ text: msg });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form form-inline-card" onSubmit={submit} noValidate>
      {message && (
        <Notice tone="error" focus={message}>
          {message.text}
        </Notice>
      )}
      {restored && !file && <Notice tone="info">{t('usulan.mus.kept')}</Notice>}
      <Select label={t('usulan.mus.kelurahan')} value={kel} onValue={pickKel} options={kels.map((k, i) => ({ value: k, label: `${names[i]} (${(groups.get(k) ?? []).length})` }))} />
      <Checks
        legend={t('usulan.mus.proposals')}
        value={chosen}
        onValue={setChosen}
        error={errors.usulan_ids}
        options={(groups.get(kel) ?? []).map((u) => ({
          value: String(u.id),
          label: `${t('usulan.item', { id: u.id })} · ${jenisLabel(u.jenis)}${u.alasan ? ` (${alasanLabel(u.alasan)})` : ''} · ${rtRwOfCode(u.kode_wilayah) ?? u.kode_wilayah}`,
        }))}
      />
      <Field label={t('usulan.mus.nomor')} value={nomor} onValue={setNomor} error={errors.nomor_berita_acara} autocomplete="off" required />
      <Field label={t('usulan.mus.tanggal')} type="date" value={tanggal} onValue={setTanggal} error={errors.tanggal} required />
      <FileField label={t('usulan.mus.notulen')} onFile={setFile} error={errors.notulen_lampiran_id} />
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('usulan.mus.submit')}
        </button>
      </div>
    </form>
  );
}
