// The people being linked, reduced to what comparisons need: interned name tokens (each with its
// phonetic key), the NIK's digits and what its embedded date says, the birth date as numbers,
// interned birthplace and address, and the region as integers. A million people fit in about
// 100 MB and every comparison touches only integers and a few short strings.
//
//   PersonTable people;
//   people.add({.nik = "3671014512870001", .nama = "Hj. Siti Aminah", .jenis_kelamin = "P", ...});
//   people.finish();                              // nothing added after this
//   Person const& p = people[0];
//   people.tokens().text(people.name(0)[0]);      // "siti"
//
// Bad values do not stop linkage: a NIK that is not 16 digits, a date that is not YYYY-MM-DD or a
// sex other than L/P count as missing and are counted in issues() for the report.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pilar::linkage {

// One input row, as text (the columns of `pilar link`'s CSV, docs/formats.md).
struct PersonInput {
    std::string_view nik;
    std::string_view nama;
    std::string_view jenis_kelamin;
    std::string_view tempat_lahir;
    std::string_view tanggal_lahir;
    std::string_view alamat;
    std::string_view rt;
    std::string_view rw;
    std::string_view kode_wilayah;
};

// Interned strings: id 0 is "" (missing); equal strings get equal ids.
class StringPool {
public:
    StringPool();
    std::uint32_t intern(std::string_view s);
    [[nodiscard]] std::string_view text(std::uint32_t id) const { return m_texts[id]; }
    [[nodiscard]] size_t size() const { return m_texts.size(); }

private:
    std::deque<std::string> m_texts;  // a deque: its strings never move, so the views below stay valid
    std::unordered_map<std::string_view, std::uint32_t> m_ids;
};

// Normalised name tokens and their phonetic keys.
class TokenTable {
public:
    std::uint32_t intern(std::string_view normalised_token);
    [[nodiscard]] std::string_view text(std::uint32_t token) const { return m_tokens.text(token); }
    [[nodiscard]] std::uint32_t phonetic(std::uint32_t token) const { return m_phonetic_of[token]; }
    [[nodiscard]] std::string_view phonetic_text(std::uint32_t token) const {
        return m_phonetic.text(m_phonetic_of[token]);
    }
    // How many people's names hold the token (set by PersonTable::finish()).
    [[nodiscard]] std::uint32_t frequency(std::uint32_t token) const { return m_frequency[token]; }
    void count(std::uint32_t token) { ++m_frequency[token]; }

private:
    StringPool m_tokens;
    StringPool m_phonetic;
    std::vector<std::uint32_t> m_phonetic_of{0};
    std::vector<std::uint32_t> m_frequency{0};
};

enum class SexCode : std::uint8_t { Unknown, L, P };

// What a record's NIK says about the record itself: its embedded birth date and sex agree with
// the recorded ones, disagree (a family member entered with the head's NIK looks like this), or
// cannot be checked.
enum class NikSelf : std::uint8_t { Unknown, Agrees, Disagrees };

struct Person {
    std::array<char, 16> nik{};
    bool has_nik = false;
    NikSelf nik_self = NikSelf::Unknown;
    SexCode sex = SexCode::Unknown;
    bool has_dob = false;
    std::int16_t year = 0;
    std::int8_t month = 0;
    std::int8_t day = 0;
    std::uint8_t name_count = 0;    // own-name tokens
    std::uint8_t father_count = 0;  // tokens after bin/binti
    std::uint32_t name_begin = 0;   // index into PersonTable's token list
    std::uint32_t place = 0;        // StringPool id of the normalised birthplace, 0 = missing
    std::uint32_t address = 0;      // StringPool id of the normalised address, 0 = missing
    std::uint64_t kelurahan = 0;    // the 10 digits of the kelurahan code, 0 = missing
    std::uint16_t rw = 0;           // 0 = missing
    std::uint16_t rt = 0;
};

// Counts of values that were present but unusable, for the report.
struct InputIssues {
    long long bad_nik = 0;
    long long bad_date = 0;
    long long bad_sex = 0;
    long long bad_wilayah = 0;
    long long long_name = 0;  // cut at kMaxNameBytes
};

// Names at most this many tokens (own name) are compared; a longer "name" is cut.
inline constexpr size_t kMaxNameTokens = 8;

// A person's features computed from text, before interning (so it can run on many threads).
struct PreparedPerson {
    Person person;
    std::vector<std::string> name;    // own tokens then father tokens
    std::string place;
    std::string address;
    InputIssues issues;
};

PreparedPerson prepare_person(PersonInput const& in);

class PersonTable {
public:
    PersonTable() = default;

    void add(PersonInput const& in) { add(prepare_person(in)); }
    void add(PreparedPerson&& prepared);
    // Counts token frequencies; call once, after the last add().
    void finish();

    [[nodiscard]] size_t size() const { return m_people.size(); }
    [[nodiscard]] Person const& operator[](size_t i) const { return m_people[i]; }
    [[nodiscard]] std::span<std::uint32_t const> name(size_t i) const {
        auto const& p = m_people[i];
        return {m_name_tokens.data() + p.name_begin, p.name_count};
    }
    [[nodiscard]] std::span<std::uint32_t const> father(size_t i) const {
        auto const& p = m_people[i];
        return {m_name_tokens.data() + p.name_begin + p.name_count, p.father_count};
    }
    [[nodiscard]] TokenTable const& tokens() const { return m_tokens; }
    [[nodiscard]] StringPool const& places() const { return m_places; }
    [[nodiscard]] StringPool const& addresses() const { return m_addresses; }
    [[nodiscard]] InputIssues const& issues() const { return m_issues; }

private:
    std::vector<Person> m_people;
    std::vector<std::uint32_t> m_name_tokens;
    TokenTable m_tokens;
    StringPool m_places;
    StringPool m_addresses;
    InputIssues m_issues;
};

}  // namespace pilar::linkage
