// Sealing a record for storage: the identity numbers and special-category fields of a record
// (in clear in its KeluargaRecord/AnggotaRecord) become their encrypted, blind-indexed and
// masked columns, the row hash and search name are computed, and the clear values are removed
// from the record. The service and the bulk import seal through here, so a row looks the same
// however it arrived.
//
//   row.rec = validated_record;           // NIK, No. KK, disability ... in clear
//   PILAR_TRY(seal_anggota(keyring, row, ppks));
//   PILAR_TRY(store::insert_anggota(c, row));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/crypto.hpp"
#include "registry/store.hpp"

namespace pilar::registry {

// The associated data an encrypted value is bound to: "anggota.nik#42". A ciphertext copied to
// another row or column does not decrypt.
std::string seal_where(std::string_view table, std::string_view column, std::int64_t id);

// Needs row.meta.id and row.rec[NoKk] (16 digits).
Result<void> seal_keluarga(access::Keyring const& keyring, store::KeluargaRow& row);
// Needs row.meta.id; `ppks_now` gets the record's PPKS numbers. A non-empty row.nik_bi is taken
// as the blind index of rec[Nik] (the caller computed it); callers that change the NIK reset it.
//
// An update passes the row as it was stored (`before`) and its record in clear (`before_clear`):
// an identity number or special field the update leaves as it was keeps its stored ciphertext.
// Sealing it again under a fresh nonce would change the column, and the audit trail's
// before/after (which compares the stored columns) would say the disability or illness changed
// on every edit of, say, the name.
// The inverse for a member's own columns: rec[Nik] and the special fields back in clear
// (rec[NoKk] lives with the household and is left alone).
Result<void> open_anggota_fields(access::Keyring const& keyring, store::AnggotaRow& row);

struct SealedBefore {
    store::AnggotaRow const& row;
    AnggotaRecord const& clear;
};
Result<void> seal_anggota(access::Keyring const& keyring, store::AnggotaRow& row, std::vector<int>& ppks_now,
                          std::optional<SealedBefore> before = std::nullopt);

}  // namespace pilar::registry
