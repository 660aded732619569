import type { Bilingual } from '../schema/types.js';

/** Prefixes of the controlled vocabularies the catalogue points into. */
const EU = 'http://publications.europa.eu/resource/authority/';
const IANA_MEDIA_TYPES = 'http://www.iana.org/assignments/media-types/';

/** The EU data-theme vocabulary's concepts, with their English labels. */
const EU_THEMES: Readonly<Record<string, Bilingual>> = {
  AGRI: {
    vi: 'Nông nghiệp, thủy sản, lâm nghiệp và thực phẩm',
    en: 'Agriculture, fisheries, forestry and food',
  },
  ECON: { vi: 'Kinh tế và tài chính', en: 'Economy and finance' },
  EDUC: {
    vi: 'Giáo dục, văn hóa và thể thao',
    en: 'Education, culture and sport',
  },
  ENER: { vi: 'Năng lượng', en: 'Energy' },
  ENVI: { vi: 'Môi trường', en: 'Environment' },
  GOVE: {
    vi: 'Chính phủ và khu vực công',
    en: 'Government and public sector',
  },
  HEAL: { vi: 'Y tế', en: 'Health' },
  INTR: { vi: 'Các vấn đề quốc tế', en: 'International issues' },
  JUST: {
    vi: 'Tư pháp, hệ thống pháp luật và an toàn công cộng',
    en: 'Justice, legal system and public safety',
  },
  REGI: { vi: 'Vùng và đô thị', en: 'Regions and cities' },
  SOCI: { vi: 'Dân số và xã hội', en: 'Population and society' },
  TECH: { vi: 'Khoa học và công nghệ', en: 'Science and technology' },
  TRAN: { vi: 'Giao thông vận tải', en: 'Transport' },
};

/** Update frequencies a schema may declare, mapped to the EU frequency vocabulary. */
const FREQUENCIES: Readonly<
  Record<string, { readonly code: string; readonly title: Bilingual }>
> = {
  quarterly: { code: 'QUARTERLY', title: { vi: 'Hằng quý', en: 'Quarterly' } },
  monthly: { code: 'MONTHLY', title: { vi: 'Hằng tháng', en: 'Monthly' } },
  annual: { code: 'ANNUAL', title: { vi: 'Hằng năm', en: 'Annual' } },
  irregular: {
    code: 'IRREG',
    title: { vi: 'Không định kỳ', en: 'Irregular' },
  },
};

/** ISO 639-1 codes mapped to the EU language vocabulary. */
const LANGUAGES: Readonly<Record<string, { code: string; title: Bilingual }>> =
  {
    vi: { code: 'VIE', title: { vi: 'Tiếng Việt', en: 'Vietnamese' } },
    en: { code: 'ENG', title: { vi: 'Tiếng Anh', en: 'English' } },
  };

/** ADMS publisher types, with their labels. */
const PUBLISHER_TYPES: Readonly<Record<string, Bilingual>> = {
  NationalAuthority: { vi: 'Cơ quan trung ương', en: 'National authority' },
  RegionalAuthority: {
    vi: 'Cơ quan cấp tỉnh, vùng',
    en: 'Regional authority',
  },
  LocalAuthority: { vi: 'Cơ quan địa phương', en: 'Local authority' },
};

/** URI of a concept in an EU Publications Office vocabulary. */
const euUri = (vocabulary: string, code?: string): string =>
  code === undefined ? `${EU}${vocabulary}` : `${EU}${vocabulary}/${code}`;

/** URI of an IANA media type. */
const ianaUri = (mediaType: string): string =>
  `${IANA_MEDIA_TYPES}${mediaType}`;

export { EU_THEMES, euUri, FREQUENCIES, ianaUri, LANGUAGES, PUBLISHER_TYPES };
