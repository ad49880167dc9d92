#include "registry/seal.hpp"

#include <charconv>

#include "registry/rules.hpp"

namespace pilar::registry {

std::string seal_where(std::string_view table, std::string_view column, std::int64_t id) {
    // "table.column#id", put together without fmt: the bulk import makes one for every sealed
    // value.
    char digits[24];
    auto const end = std::to_chars(digits, digits + sizeof digits, id).ptr;
    std::string out;
    out.reserve(table.size() + column.size() + 2 + static_cast<std::size_t>(end - digits));
    out.append(table).append(1, '.').append(column).append(1, '#').append(digits, end);
    return out;
}

Result<void> seal_keluarga(access::Keyring const& keyring, store::KeluargaRow& row) {
    auto& kk = row.rec[KCol::NoKk];
    row.meta.row_hash = row_hash(row.rec);
    row.no_kk_bi = keyring.blind_index("no_kk", kk);
    row.no_kk_enc = PILAR_TRY(keyring.encrypt(kk, seal_where("keluarga", "no_kk", row.meta.id)));
    row.no_kk_mask = mask16(kk);
    kk.clear();
    return {};
}

Result<void> seal_anggota(access::Keyring const& keyring, store::AnggotaRow& row, std::vector<int>& ppks_now,
                          std::optional<SealedBefore> before) {
    auto& r = row.rec;
    auto id = row.meta.id;
    auto unchanged = [&](std::initializer_list<ACol> cols) {
        if (!before) return false;
        for (auto col : cols)
            if (before->clear[col] != r[col]) return false;
        return true;
    };
    if (r.has(ACol::Nik) && unchanged({ACol::Nik}) && before->row.nik_enc) {
        row.nik_enc = before->row.nik_enc;
        row.nik_mask = before->row.nik_mask;
        if (!row.nik_bi || row.nik_bi->empty()) row.nik_bi = before->row.nik_bi;
    } else if (r.has(ACol::Nik)) {
        // The bulk import has usually computed it already (to spot duplicates): keep it then.
        if (!row.nik_bi || row.nik_bi->empty()) row.nik_bi = keyring.blind_index("nik", r[ACol::Nik]);
        row.nik_enc = PILAR_TRY(keyring.encrypt(r[ACol::Nik], seal_where("anggota", "nik", id)));
        row.nik_mask = mask16(r[ACol::Nik]);
    } else {
        row.nik_bi.reset();
        row.nik_enc.reset();
        row.nik_mask.reset();
    }
    if (unchanged({ACol::DisabilitasJenis, ACol::DisabilitasTingkat})) {
        row.disabilitas_enc = before->row.disabilitas_enc;
    } else if (r.has(ACol::DisabilitasJenis)) {
        std::string d = r[ACol::DisabilitasJenis] + ":" + r[ACol::DisabilitasTingkat];
        row.disabilitas_enc = PILAR_TRY(keyring.encrypt(d, seal_where("anggota", "disabilitas", id)));
    } else {
        row.disabilitas_enc.reset();
    }
    if (unchanged({ACol::PenyakitKronis}))
        row.penyakit_kronis_enc = before->row.penyakit_kronis_enc;
    else if (r.has(ACol::PenyakitKronis))
        row.penyakit_kronis_enc =
            PILAR_TRY(keyring.encrypt(r[ACol::PenyakitKronis], seal_where("anggota", "penyakit_kronis", id)));
    else
        row.penyakit_kronis_enc.reset();
    row.nama_cari = store::lower_name(r[ACol::Nama]);
    row.meta.row_hash = row_hash(r);
    ppks_now.clear();
    for (auto p : split_list(r[ACol::Ppks])) {
        int v = 0;
        for (char ch : p)
            if (ch >= '0' && ch <= '9') v = v * 10 + (ch - '0');
        ppks_now.push_back(v);
    }
    // What stays in clear in the row: everything but identity numbers and special fields.
    for (auto col : {ACol::Nik, ACol::NoKk, ACol::DisabilitasJenis, ACol::DisabilitasTingkat, ACol::PenyakitKronis})
        r[col].clear();
    return {};
}

Result<void> open_anggota_fields(access::Keyring const& keyring, store::AnggotaRow& row) {
    auto& r = row.rec;
    auto id = row.meta.id;
    if (row.nik_enc) r[ACol::Nik] = PILAR_TRY(keyring.decrypt(*row.nik_enc, seal_where("anggota", "nik", id)));
    if (row.disabilitas_enc) {
        auto d = PILAR_TRY(keyring.decrypt(*row.disabilitas_enc, seal_where("anggota", "disabilitas", id)));
        split_disabilitas(d, r[ACol::DisabilitasJenis], r[ACol::DisabilitasTingkat]);
    }
    if (row.penyakit_kronis_enc)
        r[ACol::PenyakitKronis] = PILAR_TRY(keyring.decrypt(*row.penyakit_kronis_enc, seal_where("anggota", "penyakit_kronis", id)));
    return {};
}

}  // namespace pilar::registry
