"""Small hand-written tables the packages do not provide.

Border membership follows the domain brief; Vietnamese names of Cambodian provinces are
the forms used in Vietnamese military and press writing; centroids are approximate
(±0.2°) and only place a label on the overview map.
"""

from __future__ import annotations

import datetime as dt

#: Vietnam's 1 July 2025 reorganisation: 63 provinces into 34, districts abolished.
VN_REORGANISATION = dt.date(2025, 7, 1)

#: Tbong Khmum was split from Kampong Cham by royal decree at the end of 2013.
TBONG_KHMUM_CREATED = dt.date(2013, 12, 31)
KH_KAMPONG_CHAM = "03"
KH_TBONG_KHMUM = "25"

#: ISO code → (Vietnamese, Khmer, English) names.
COUNTRIES: dict[str, tuple[str, str, str]] = {
    "VN": ("Việt Nam", "វៀតណាម", "Viet Nam"),
    "KH": ("Campuchia", "កម្ពុជា", "Cambodia"),
    "LA": ("Lào", "ឡាវ", "Laos"),
    "CN": ("Trung Quốc", "ចិន", "China"),
}

#: Official codes of the provinces on the Cambodian border, by era.
VN_LEGACY_BORDER_CODES = frozenset({62, 64, 66, 67, 70, 72, 80, 87, 89, 91})
VN_BORDER_CODES = frozenset({51, 52, 66, 68, 75, 80, 82, 91})
KH_BORDER_CODES = frozenset({"07", "08", "10", "11", "14", "16", "20", "21", "25"})

#: Vietnamese names of Cambodian provinces where Vietnamese writing has a settled form;
#: the others keep the Latin name published by Cambodia's Ministry of Economy and Finance.
KH_PROVINCE_NAMES_VI: dict[str, str] = {
    "07": "Kampot",
    "08": "Kandal",
    "10": "Kratie",
    "11": "Mondulkiri",
    "12": "Phnôm Pênh",
    "14": "Prey Veng",
    "16": "Ratanakiri",
    "17": "Siem Reap",
    "18": "Preah Sihanouk",
    "20": "Svay Rieng",
    "21": "Takeo",
    "22": "Oddar Meanchey",
    "25": "Tbong Khmum",
}
KH_CAPITAL_CODE = "12"

#: Vietnamese unit types as they begin the official names, longest first.
VN_KINDS = (
    "Thành phố",
    "Thị trấn",
    "Thị xã",
    "Đặc khu",
    "Tỉnh",
    "Huyện",
    "Quận",
    "Phường",
    "Xã",
)

#: English for a Vietnamese type, used for numbered units ("Phường 4" → "Ward 4").
VN_KINDS_EN: dict[str, str] = {
    "Thành phố": "City",
    "Thị trấn": "Township",
    "Thị xã": "Town",
    "Đặc khu": "Special Zone",
    "Tỉnh": "Province",
    "Huyện": "District",
    "Quận": "District",
    "Phường": "Ward",
    "Xã": "Commune",
}

#: English names that differ from the unaccented Vietnamese name.
VN_NAMES_EN: dict[str, str] = {"Hà Nội": "Hanoi", "Hồ Chí Minh": "Ho Chi Minh City"}

#: Approximate centroids (latitude, longitude) of the border provinces, keyed by stored code.
CENTROIDS: dict[tuple[str, str], tuple[float, float]] = {
    # Vietnam before 1 July 2025
    ("VN", "L62"): (14.65, 107.85),  # Kon Tum
    ("VN", "L64"): (13.80, 108.10),  # Gia Lai
    ("VN", "L66"): (12.80, 108.25),  # Đắk Lắk
    ("VN", "L67"): (12.20, 107.65),  # Đắk Nông
    ("VN", "L70"): (11.75, 106.80),  # Bình Phước
    ("VN", "L72"): (11.35, 106.15),  # Tây Ninh
    ("VN", "L80"): (10.70, 106.15),  # Long An
    ("VN", "L87"): (10.60, 105.65),  # Đồng Tháp
    ("VN", "L89"): (10.50, 105.15),  # An Giang
    ("VN", "L91"): (10.00, 105.15),  # Kiên Giang
    # Vietnam since 1 July 2025
    ("VN", "51"): (14.75, 108.30),  # Quảng Ngãi
    ("VN", "52"): (13.90, 108.45),  # Gia Lai
    ("VN", "66"): (12.95, 108.55),  # Đắk Lắk
    ("VN", "68"): (11.65, 107.85),  # Lâm Đồng
    ("VN", "75"): (11.35, 107.00),  # Đồng Nai
    ("VN", "80"): (11.00, 106.15),  # Tây Ninh
    ("VN", "82"): (10.45, 105.95),  # Đồng Tháp
    ("VN", "91"): (10.25, 105.10),  # An Giang
    # Cambodia
    ("KH", "16"): (13.75, 107.15),  # Ratanakiri
    ("KH", "11"): (12.55, 107.15),  # Mondulkiri
    ("KH", "10"): (12.60, 106.20),  # Kratie
    ("KH", "25"): (11.90, 105.90),  # Tbong Khmum
    ("KH", "14"): (11.40, 105.40),  # Prey Veng
    ("KH", "20"): (11.10, 105.85),  # Svay Rieng
    ("KH", "08"): (11.25, 105.00),  # Kandal
    ("KH", "21"): (10.95, 104.80),  # Takeo
    ("KH", "07"): (10.75, 104.30),  # Kampot
}
