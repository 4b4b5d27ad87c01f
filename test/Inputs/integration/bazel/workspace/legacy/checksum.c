/* C, checked with the toolchain's C flags. */
unsigned legacy_checksum(const char *data) {
  unsigned sum = 0;
  while (*data)
    sum = sum * 31u + (unsigned char)*data++;
  return sum;
}
