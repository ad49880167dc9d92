#include "linkage/person.hpp"

#include <algorithm>

#include "core/date.hpp"
#include "core/nik.hpp"
#include "core/strings.hpp"
#include "linkage/name.hpp"

namespace pilar::linkage {

StringPool::StringPool() { intern(""); }

std::uint32_t StringPool::intern(std::string_view s) {
    if (auto it = m_ids.find(s); it != m_ids.end()) return it->second;
    auto const id = static_cast<std::uint32_t>(m_texts.size());
    m_texts.emplace_back(s);
    m_ids.emplace(m_texts.back(), id);
    return id;
}

std::uint32_t TokenTable::intern(std::string_view normalised_token) {
    auto const before = m_tokens.size();
    auto const id = m_tokens.intern(normalised_token);
    if (m_tokens.size() != before) {
        m_phonetic_of.push_back(m_phonetic.intern(phonetic_key(normalised_token)));
        m_frequency.push_back(0);
    }
    return id;
}

namespace {

// 1..999 from "4", "004"; 0 for empty or anything else.
std::uint16_t small_number(std::string_view s, bool& bad) {
    s = trim(s);
    if (s.empty()) return 0;
    if (s.size() > 3 || !is_all_digits(s)) {
        bad = true;
        return 0;
    }
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return static_cast<std::uint16_t>(v);
}

}  // namespace

PreparedPerson prepare_person(PersonInput const& in) {
    PreparedPerson out;
    Person& p = out.person;

    if (auto code = trim(in.jenis_kelamin); !code.empty()) {
        if (auto sex = sex_from_code(code))
            p.sex = *sex == Sex::L ? SexCode::L : SexCode::P;
        else
            ++out.issues.bad_sex;
    }
    if (auto text = trim(in.tanggal_lahir); !text.empty()) {
        if (auto d = Date::parse(text)) {
            p.has_dob = true;
            p.year = static_cast<std::int16_t>(d->year());
            p.month = static_cast<std::int8_t>(d->month());
            p.day = static_cast<std::int8_t>(d->day());
        } else {
            ++out.issues.bad_date;
        }
    }
    if (auto text = trim(in.nik); !text.empty()) {
        if (auto nik = Nik::parse(text)) {
            p.has_nik = true;
            std::copy_n(nik->str().begin(), 16, p.nik.begin());
            bool agrees = true;
            bool checked = false;
            if (p.sex != SexCode::Unknown) {
                checked = true;
                agrees = agrees && (nik->sex() == Sex::L) == (p.sex == SexCode::L);
            }
            // A registry default (1 January, 31 December) is not a birth date to check against.
            bool const default_date = (p.month == 1 && p.day == 1) || (p.month == 12 && p.day == 31);
            if (p.has_dob && !default_date) {
                checked = true;
                agrees = agrees && nik->birth_day() == p.day && nik->birth_month() == p.month &&
                         nik->birth_yy() == p.year % 100;
            }
            p.nik_self = !checked ? NikSelf::Unknown : agrees ? NikSelf::Agrees : NikSelf::Disagrees;
        } else {
            ++out.issues.bad_nik;
        }
    }
    if (in.nama.size() > kMaxNameBytes) ++out.issues.long_name;
    NormalisedName name = normalise_name(in.nama);
    if (name.tokens.size() > kMaxNameTokens) name.tokens.resize(kMaxNameTokens);
    if (name.father.size() > 4) name.father.resize(4);
    p.name_count = static_cast<std::uint8_t>(name.tokens.size());
    p.father_count = static_cast<std::uint8_t>(name.father.size());
    out.name = std::move(name.tokens);
    for (auto& t : name.father) out.name.push_back(std::move(t));
    out.place = normalise_place(in.tempat_lahir);
    out.address = normalise_text(in.alamat);

    bool bad_region = false;
    if (auto code = trim(in.kode_wilayah); !code.empty()) {
        std::string digits;
        for (char c : code) {
            if (c >= '0' && c <= '9')
                digits += c;
            else if (c != '.')
                bad_region = true;
        }
        if (digits.size() != 10 && digits.size() != 13 && digits.size() != 16) bad_region = true;
        if (!bad_region) {
            p.kelurahan = std::stoull(digits.substr(0, 10));
            // Pilar's extended codes carry the RW (13 digits) and RT (16 digits).
            if (digits.size() >= 13) p.rw = static_cast<std::uint16_t>(std::stoi(digits.substr(10, 3)));
            if (digits.size() == 16) p.rt = static_cast<std::uint16_t>(std::stoi(digits.substr(13, 3)));
        }
    }
    if (auto rw = small_number(in.rw, bad_region)) p.rw = rw;
    if (auto rt = small_number(in.rt, bad_region)) p.rt = rt;
    if (bad_region) ++out.issues.bad_wilayah;
    return out;
}

void PersonTable::add(PreparedPerson&& prepared) {
    Person p = prepared.person;
    p.name_begin = static_cast<std::uint32_t>(m_name_tokens.size());
    for (auto const& t : prepared.name) m_name_tokens.push_back(m_tokens.intern(t));
    if (!prepared.place.empty()) p.place = m_places.intern(prepared.place);
    if (!prepared.address.empty()) p.address = m_addresses.intern(prepared.address);
    m_people.push_back(p);
    m_issues.bad_nik += prepared.issues.bad_nik;
    m_issues.bad_date += prepared.issues.bad_date;
    m_issues.bad_sex += prepared.issues.bad_sex;
    m_issues.bad_wilayah += prepared.issues.bad_wilayah;
    m_issues.long_name += prepared.issues.long_name;
}

void PersonTable::finish() {
    for (size_t i = 0; i < m_people.size(); ++i)
        for (auto t : name(i)) m_tokens.count(t);
}

}  // namespace pilar::linkage
