// Name normalisation on real-world shapes of Indonesian names: what a data clerk would call "the
// same name" must come out the same, and different names must stay different.
#include "linkage/name.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pilar::linkage {
namespace {

using Tokens = std::vector<std::string>;

Tokens own(std::string_view raw) { return normalise_name(raw).tokens; }

std::string key(std::string_view raw) {
    std::string out;
    for (auto const& t : own(raw)) {
        if (!out.empty()) out += ' ';
        out += phonetic_key(t);
    }
    return out;
}

TEST(NameNormalise, CaseSpacingAndPunctuation) {
    EXPECT_EQ(own("  BUDI   santoso "), (Tokens{"budi", "santoso"}));
    EXPECT_EQ(own("Ma'ruf Amin"), (Tokens{"maruf", "amin"}));
    EXPECT_EQ(own("Ma’ruf Amin"), (Tokens{"maruf", "amin"}));
    EXPECT_EQ(own("Siti-Aminah"), (Tokens{"siti", "aminah"}));
    EXPECT_EQ(own("André Wijaya"), (Tokens{"andre", "wijaya"}));
    EXPECT_EQ(own(""), Tokens{});
    EXPECT_EQ(own(" .,-  "), Tokens{});
    EXPECT_EQ(own("Budi 2"), (Tokens{"budi"}));
}

TEST(NameNormalise, TitlesRemoved) {
    EXPECT_EQ(own("H. Ahmad Sanusi"), (Tokens{"ahmad", "sanusi"}));
    EXPECT_EQ(own("Hj. Siti Aminah"), (Tokens{"siti", "aminah"}));
    EXPECT_EQ(own("Hj.Siti Aminah"), (Tokens{"siti", "aminah"}));
    EXPECT_EQ(own("K.H. Abdul Hakim"), (Tokens{"abdul", "hakim"}));
    EXPECT_EQ(own("KH Abdul Hakim"), (Tokens{"abdul", "hakim"}));
    EXPECT_EQ(own("Dr. Ir. Bambang Sutrisno, M.M."), (Tokens{"bambang", "sutrisno"}));
    EXPECT_EQ(own("dr. Rina Kartika"), (Tokens{"rina", "kartika"}));
    EXPECT_EQ(own("Drs. H. Sugeng Riyadi"), (Tokens{"sugeng", "riyadi"}));
    EXPECT_EQ(own("Dra. Endang Susilowati"), (Tokens{"endang", "susilowati"}));
    EXPECT_EQ(own("Prof. Dr. Yusuf Effendi"), (Tokens{"yusuf", "effendi"}));
    EXPECT_EQ(own("Rina Marlina, S.Pd."), (Tokens{"rina", "marlina"}));
    EXPECT_EQ(own("Rina Marlina S.Pd"), (Tokens{"rina", "marlina"}));
    EXPECT_EQ(own("Rina Marlina SPd"), (Tokens{"rina", "marlina"}));
    EXPECT_EQ(own("Agus Salim, S.E., M.M."), (Tokens{"agus", "salim"}));
    EXPECT_EQ(own("Dewi Lestari, S.H."), (Tokens{"dewi", "lestari"}));
    EXPECT_EQ(own("Andi Pratama, S.Kom"), (Tokens{"andi", "pratama"}));
    EXPECT_EQ(own("Yuni Astuti, A.Md."), (Tokens{"yuni", "astuti"}));
    EXPECT_EQ(own("Nurul Hidayah S.Pd.I"), (Tokens{"nurul", "hidayah"}));
    EXPECT_EQ(own("Ir. Joko Widodo"), (Tokens{"joko", "widodo"}));
    EXPECT_EQ(own("Ny. Sumiati"), (Tokens{"sumiati"}));
}

TEST(NameNormalise, TitleAloneIsKeptAsTheName) {
    // A record whose whole name is "H." says nothing, but it is not emptied into a missing name.
    EXPECT_EQ(own("Haji"), (Tokens{"haji"}));
}

TEST(NameNormalise, ShortNameTokensThatLookLikeDegreesStayInsideAName) {
    // "Se", "Sh" and "St" are degrees only with dots or after a comma.
    EXPECT_EQ(own("Tan Se Hong"), (Tokens{"tan", "se", "hong"}));
    EXPECT_EQ(own("Budi St"), (Tokens{"budi", "st"}));
    EXPECT_EQ(own("Budi S.T."), (Tokens{"budi"}));
}

TEST(NameNormalise, BinBintiKeptApart) {
    auto n = normalise_name("Ahmad bin Abdullah");
    EXPECT_EQ(n.tokens, (Tokens{"ahmad"}));
    EXPECT_EQ(n.father, (Tokens{"abdullah"}));
    n = normalise_name("Siti Khodijah binti Muhammad Yusuf");
    EXPECT_EQ(n.tokens, (Tokens{"siti", "khodijah"}));
    EXPECT_EQ(n.father, (Tokens{"muhammad", "yusuf"}));
    n = normalise_name("Rahmat Bin Soeparman");
    EXPECT_EQ(n.tokens, (Tokens{"rahmat"}));
    EXPECT_EQ(n.father, (Tokens{"suparman"}));
    // "Bin" as the first word, and names that only start like it, are names.
    EXPECT_EQ(own("Bintang Pratama"), (Tokens{"bintang", "pratama"}));
    EXPECT_TRUE(normalise_name("Bintang Pratama").father.empty());
}

TEST(NameNormalise, MuhammadVariants) {
    for (auto raw : {"Muhammad Rizki", "Mohammad Rizki", "Muhamad Rizki", "Mochammad Rizki", "Moch. Rizki",
                     "Moch Rizki", "Moh. Rizki", "Muh. Rizki", "M. Rizki", "M Rizki", "Mhd Rizki", "Mohamad Rizki",
                     "Muchammad Rizki", "Mokhamad Rizki", "Moehammad Rizki", "MUHAMMAD RIZKI", "M.Rizki"}) {
        EXPECT_EQ(own(raw), (Tokens{"muhammad", "rizki"})) << raw;
    }
    // A trailing M. is an initial, not Muhammad.
    EXPECT_EQ(own("Rizki M."), (Tokens{"rizki", "m"}));
}

TEST(NameNormalise, AbdulSitiAhmad) {
    EXPECT_EQ(own("Abd. Rahman"), (Tokens{"abdul", "rahman"}));
    EXPECT_EQ(own("Abd Rahman"), (Tokens{"abdul", "rahman"}));
    EXPECT_EQ(own("Abdul Rahman"), (Tokens{"abdul", "rahman"}));
    EXPECT_EQ(own("Abdulrahman"), (Tokens{"abdul", "rahman"}));
    EXPECT_EQ(own("Abdurrahman"), (Tokens{"abdul", "rahman"}));
    EXPECT_EQ(own("Abdurahman"), (Tokens{"abdul", "rahman"}));
    EXPECT_EQ(own("Abdoel Rachman"), (Tokens{"abdul", "rakhman"}));
    EXPECT_EQ(own("Abdussalam"), (Tokens{"abdul", "salam"}));
    EXPECT_EQ(own("Abdullah"), (Tokens{"abdullah"}));
    EXPECT_EQ(own("Abdulloh"), (Tokens{"abdullah"}));
    EXPECT_EQ(own("St. Aminah"), (Tokens{"siti", "aminah"}));
    EXPECT_EQ(own("St Aminah"), (Tokens{"siti", "aminah"}));
    EXPECT_EQ(own("Sitti Aminah"), (Tokens{"siti", "aminah"}));
    EXPECT_EQ(own("Achmad Fauzi"), (Tokens{"ahmad", "fauzi"}));
    EXPECT_EQ(own("Akhmad Fauzi"), (Tokens{"ahmad", "fauzi"}));
    EXPECT_EQ(own("Ahmad Fauzi"), (Tokens{"ahmad", "fauzi"}));
}

TEST(NameNormalise, OldSpelling) {
    EXPECT_EQ(own("Soeharto"), (Tokens{"suharto"}));
    EXPECT_EQ(own("Soekarno"), (Tokens{"sukarno"}));
    EXPECT_EQ(own("Djoko Santoso"), (Tokens{"joko", "santoso"}));
    EXPECT_EQ(own("Tjahjono"), (Tokens{"cahyono"}));
    EXPECT_EQ(own("Tjipto Mangoenkoesoemo"), (Tokens{"cipto", "mangunkusumo"}));
    EXPECT_EQ(own("Sjahrir"), (Tokens{"syahrir"}));
    EXPECT_EQ(own("Soerjadi"), (Tokens{"suryadi"}));
    EXPECT_EQ(own("Djojohadikoesoemo"), (Tokens{"joyohadikusumo"}));
    EXPECT_EQ(own("Njoman Soepardjo"), (Tokens{"nyoman", "suparjo"}));
    EXPECT_EQ(own("Soepardjo")[0], "suparjo");
    EXPECT_EQ(own("Chairul Tanjung"), (Tokens{"khairul", "tanjung"}));
    EXPECT_EQ(own("Joesoef"), (Tokens{"yusuf"}));
    EXPECT_EQ(own("Jusuf"), (Tokens{"yusuf"}));
    // A modern j is a j: no old spelling in the token, nothing changes.
    EXPECT_EQ(own("Joko Widodo"), (Tokens{"joko", "widodo"}));
    EXPECT_EQ(own("Jaenal"), (Tokens{"jaenal"}));
}

TEST(NameNormalise, ChristianNamesReadChAsK) {
    // A word-initial chr is the Greek chi of Christian names, not the old spelling of kh.
    EXPECT_EQ(own("Christian Simanjuntak"), (Tokens{"kristian", "simanjuntak"}));
    EXPECT_EQ(own("Christian"), own("Kristian"));
    EXPECT_EQ(own("CHRISTINA"), own("Kristina"));
    EXPECT_EQ(own("Chrisna"), own("Krisna"));
    EXPECT_EQ(key("Christian"), key("Kristian"));
    // Whole names known by both spellings.
    EXPECT_EQ(own("Michael"), own("Mikael"));
    EXPECT_EQ(own("Mikhael"), own("Mikael"));
    EXPECT_EQ(own("Chandra Wijaya"), (Tokens{"candra", "wijaya"}));
    // Inside a word, ch before r is still the Arabic kh (Fachri = Fakhri), and so is a
    // word-initial ch before a vowel (Chairul = Khairul).
    EXPECT_EQ(own("Fachri"), (Tokens{"fakhri"}));
    EXPECT_EQ(own("Fachrul Rozi"), (Tokens{"fakhrul", "rozi"}));
    EXPECT_EQ(key("Fachri"), key("Fakhri"));
    EXPECT_EQ(key("Fachri"), key("Fahri"));
    EXPECT_EQ(own("Chairul"), own("Khairul"));
    EXPECT_EQ(own("Achmad"), own("Ahmad"));
}

TEST(NameNormalise, HokkienSurnames) {
    EXPECT_EQ(own("Liem Swie King"), own("Lim Swie King"));
    EXPECT_EQ(own("Liem Swie King")[0], "lim");
    EXPECT_EQ(own("Oey Hong Lie")[0], "oei");
    EXPECT_EQ(own("Oei Hong Lie")[0], "oei");
    EXPECT_EQ(own("Tjoa Eng Hwa")[0], "cua");
    EXPECT_EQ(own("Chua Eng Hwa")[0], "cua");
    EXPECT_EQ(own("Thio Ban Seng")[0], "tio");
    EXPECT_EQ(own("Gouw Kim Hok")[0], "go");
    EXPECT_EQ(own("Njoo Han Siang")[0], "nyoo");
    EXPECT_EQ(own("Kwee Ing Siu")[0], "kwee");
    EXPECT_EQ(own("Tan Bun Tjeng")[0], "tan");
}

TEST(NameNormalise, JoinedAndSplitTokens) {
    EXPECT_EQ(own("Nurhayati"), own("Nur Hayati"));
    EXPECT_EQ(own("Nurhayati"), (Tokens{"nur", "hayati"}));
    EXPECT_EQ(own("Nurul Huda"), own("Nurulhuda"));
    EXPECT_EQ(own("Sriwahyuni"), own("Sri Wahyuni"));
    EXPECT_EQ(own("Siti Nurhaliza"), own("Sitinurhaliza"));
    EXPECT_EQ(own("Siti Nurhaliza"), (Tokens{"siti", "nur", "haliza"}));
    EXPECT_EQ(own("Muhammad Ali"), (Tokens{"muhammad", "ali"}));
    EXPECT_EQ(own("Dwiyanto"), (Tokens{"dwi", "yanto"}));
    // Too short a rest: not split.
    EXPECT_EQ(own("Nurul"), (Tokens{"nurul"}));
    EXPECT_EQ(own("Sri"), (Tokens{"sri"}));
    EXPECT_EQ(own("Ekaf"), (Tokens{"ekaf"}));
}

TEST(NameNormalise, VeryLongInputIsCut) {
    std::string huge(10'000, 'a');
    auto n = normalise_name(huge);
    ASSERT_EQ(n.tokens.size(), 1u);
    EXPECT_LE(n.tokens[0].size(), kMaxNameBytes);
}

TEST(NameNormalise, InvalidUtf8IsASeparator) {
    EXPECT_EQ(own("Budi\xff\xfeSantoso"), (Tokens{"budi", "santoso"}));
    EXPECT_EQ(own("\xc3"), Tokens{});
}

TEST(PhoneticKey, MergesSpellingVariants) {
    EXPECT_EQ(key("Zainal"), key("Zaenal"));
    EXPECT_EQ(key("Zaenal"), key("Jaenal"));
    EXPECT_EQ(key("Fitri"), key("Pitri"));
    EXPECT_EQ(key("Fitriyani"), key("Fitriani"));
    EXPECT_EQ(key("Rachmat"), key("Rahmat"));
    EXPECT_EQ(key("Rakhmat"), key("Rahmat"));
    EXPECT_EQ(key("Fatimah"), key("Fatima"));
    EXPECT_EQ(key("Chairul"), key("Khairul"));
    EXPECT_EQ(key("Khairul"), key("Hairul"));
    EXPECT_EQ(key("Syamsul"), key("Samsul"));
    EXPECT_EQ(key("Suwarni"), key("Suarni"));
    EXPECT_EQ(key("Yusuf"), key("Yusup"));
    EXPECT_EQ(key("Dzulkifli"), key("Zulkifli"));
    EXPECT_EQ(key("Surjadi"), key("Suryadi"));
    EXPECT_EQ(key("Ramadhan"), key("Ramadan"));
    EXPECT_EQ(key("Aisyah"), key("Aisah"));
    EXPECT_EQ(key("Tjahjono"), key("Cahyono"));
    EXPECT_EQ(key("Muhammad"), key("Muhamad"));
    EXPECT_EQ(key("Muhammad"), "muamad");
    EXPECT_EQ(key("Zainal"), "jenal");
}

TEST(PhoneticKey, KeepsDifferentNamesApart) {
    EXPECT_NE(key("Rina"), key("Rini"));
    EXPECT_NE(key("Budi"), key("Bude"));
    EXPECT_NE(key("Agus"), key("Bagus"));
    EXPECT_NE(key("Siti"), key("Sari"));
    EXPECT_NE(key("Wati"), key("Watini"));
    EXPECT_NE(key("Dewi"), key("Desi"));
}

TEST(NormaliseText, AddressesAndPlaces) {
    EXPECT_EQ(normalise_text("Jl. Sawo V No. 107"), "jl sawo v no 107");
    EXPECT_EQ(normalise_text("JALAN SAWO V NOMOR 107"), "jl sawo v no 107");
    EXPECT_EQ(normalise_text("Jln Sawo V, No.107"), "jl sawo v no 107");
    EXPECT_EQ(normalise_text("Kp. Kali Bojong"), normalise_text("Kampung Kali Bojong"));
    EXPECT_EQ(normalise_text("Perumahan Ketapang Indah Blk A10"), "perum ketapang indah blok a10");
    EXPECT_EQ(normalise_place("Djakarta"), "jakarta");
    EXPECT_EQ(normalise_place("Kota Tangerang"), "tangerang");
    EXPECT_EQ(normalise_place("KAB. BOGOR"), "bogor");
    EXPECT_EQ(normalise_place("Soerabaja"), "surabaya");
    EXPECT_EQ(normalise_place("Kota"), "kota");
}

}  // namespace
}  // namespace pilar::linkage
