/** 3GPP TS 23.040 9.2.3.24 information element identifiers used for WAP over SMS (WAP-259 WDP 6.5). */
export const UdhElements = {
  concat8: 0x00, // concatenated short message, 8-bit reference: ref, total, seq
  ports8: 0x04, // application port addressing, 8-bit
  ports16: 0x05, // application port addressing, 16-bit: destination, originator
  concat16: 0x08, // concatenated short message, 16-bit reference
} as const;

/** WAP-259 WDP appendix B: WAP Push (connectionless) 2948; WSP connectionless session service 9200. */
export const WdpPorts = { wapPush: 2948, wspConnectionless: 9200 } as const;

/** TP-UD of an 8-bit SMS holds at most 140 octets, UDH included (TS 23.040 9.2.3.24). */
export const SMS_USER_DATA_MAX = 140;

/**
 * SMPP 3.4 5.2.19 data_coding: 0x04 = octet unspecified (8-bit binary), passed as TP-DCS 0x04;
 * 0xF5 = GSM 03.38 "data coding/message class" group, 8-bit, class 1 (ME-specific); SMPP 3.4
 * reserves it, but SMSCs commonly pass GSM DCS values through. Both are 8-bit; 0x04 is the default,
 * 0xF5 is a per-family profile choice.
 */
export const SmsDataCodings = { octetUnspecified: 0x04, eightBitClass1: 0xf5 } as const;

/** SMPP 3.4 5.2.12 esm_class bit 6 (0x40): UDHI, the short message begins with a UDH. */
export const ESM_CLASS_UDHI = 0x40;
