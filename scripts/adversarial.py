"""A text built to make regexes backtrack: repeated capitalised names, civilities, digit runs,
separators and "Vu" lines, inside a plausible deliberation header so that every field extractor
runs on it. Used by tests/test_properties.py (50 kB) and scripts/bench_scale.py (1 MB)."""
from __future__ import annotations

HEADER = ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du 12 mars 2024\n"
          "L'an deux mille vingt-quatre, le douze mars, le Conseil Municipal s'est réuni sous la présidence "
          "de M. Jean DUPONT, Maire.\nPrésents : ")
PIECES = [
    "M. JEAN-PIERRE DE LA MARTINIÈRE-DUVAL, ", "Mme ANNE MARIE ", "M. ", "DUPONT DURAND MARTIN ",
    "12 345 678 901 234 ", "2023-12-31-2024-01-01 ", " - ", " / ", " : ", " ; ", "n° 12/34/56/78 ",
    "Vu le code, Vu la loi, ", "pouvoir à pouvoir à ", "1 000 000 000 € ", "l'an deux mille deux mille ",
    "(excusé) (excusé) ", "PRÉSENTS : VOTANTS : ", "à l'unanimité à l'unanimité ", "ZZZZZZZZZZZZZZZZZZZZ",
]


def adversarial_text(size: int) -> str:
    parts, length, i = [HEADER], len(HEADER), 0
    while length < size:
        piece = PIECES[(i * 7 + i // 3) % len(PIECES)]
        parts.append(piece)
        length += len(piece)
        i += 1
        if i % 97 == 0:  # a line break now and then; most lines stay very long
            parts.append("\n")
    return "".join(parts)[:size] + "\nLe Conseil Municipal, après en avoir délibéré, à l'unanimité, DÉCIDE :\n"
