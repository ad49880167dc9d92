// Public certificate check (no login): anyone holding a certificate's code — an employer, a
// kelurahan office — sees whether it is valid, and only the name, the event and its dates.
import { useState } from 'preact/hooks';
import { verifikasi } from '../../api/acara';
import { ErrorState, Field, Loading, Notice, PageTitle } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { t } from '../../i18n';
import { navigate, type Params } from '../../router/router';

export default function VerifikasiScreen({ params }: { params: Params }) {
  const kode = params.kode ?? '';
  const [typed, setTyped] = useState(kode);
  const res = useAsync((signal) => (kode ? verifikasi(kode, signal) : Promise.resolve(null)), [kode]);
  return (
    <section>
      <PageTitle title={t('verif.title')}>{t('verif.title')}</PageTitle>
      <p class="subtitle">{t('verif.lede')}</p>
      <form
        class="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/sertifikat/${encodeURIComponent(typed.trim())}`);
        }}
      >
        <Field label={t('verif.kode')} value={typed} onValue={setTyped} autocomplete="off" autocapitalize="characters" spellcheck={false} />
        <div class="btn-row">
          <button type="submit" class="btn btn-primary">
            {t('verif.submit')}
          </button>
        </div>
      </form>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} />
      ) : res.data === null ? null : res.data.valid ? (
        <Notice tone="ok" focus={res.data}>
          <strong>{t('verif.valid')}</strong>
          <br />
          {t('verif.detail', { nama: res.data.nama ?? '', acara: res.data.acara ?? '', mulai: res.data.tanggal_mulai ?? '', selesai: res.data.tanggal_selesai ?? '' })}
        </Notice>
      ) : (
        <Notice tone="error" focus={res.data}>
          <strong>{t('verif.invalid')}</strong>
          {res.data.dicabut_pada && (
            <>
              <br />
              {t('verif.revoked', { nama: res.data.nama ?? '', acara: res.data.acara ?? '' })}
            </>
          )}
        </Notice>
      )}
    </section>
  );
}
