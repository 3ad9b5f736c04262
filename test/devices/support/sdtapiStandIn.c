/*
 * A stand-in for the vendor's sdtapi.dll, built by the sdtapi driver test into a shared library
 * so that the driver's koffi declarations are called for real (on Linux, where __stdcall is the
 * ordinary convention). Its behaviour comes from the environment at each call:
 *   SDT_SCENARIO   ok | noCard | readFail | removed | unplugged | noPort | hang
 *   SDT_TEXT_FILE  the 256-byte text block SDT_ReadBaseMsg returns
 *   SDT_LOG        a file each call appends one line to: "<function> <port> <iIfOpen>"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *scenario(void) {
  const char *value = getenv("SDT_SCENARIO");
  return value ? value : "ok";
}

static int is(const char *name) { return strcmp(scenario(), name) == 0; }

static void logCall(const char *function, int port, int ifOpen) {
  const char *path = getenv("SDT_LOG");
  if (!path) return;
  FILE *file = fopen(path, "a");
  if (!file) return;
  fprintf(file, "%s %d %d\n", function, port, ifOpen);
  fclose(file);
}

int SDT_OpenPort(int port) {
  logCall("SDT_OpenPort", port, -1);
  if (is("noPort")) return 0x01;
  return port == 1003 || port == 7 ? 0x90 : 0x01;
}

int SDT_ClosePort(int port) {
  logCall("SDT_ClosePort", port, -1);
  return 0x90;
}

int SDT_StartFindIDCard(int port, unsigned char *iin, int ifOpen) {
  logCall("SDT_StartFindIDCard", port, ifOpen);
  if (is("noCard")) return 0x80;
  if (is("unplugged")) return 0x01;
  memset(iin, 0, 4);
  return 0x9F;
}

int SDT_SelectIDCard(int port, unsigned char *sn, int ifOpen) {
  logCall("SDT_SelectIDCard", port, ifOpen);
  memset(sn, 0, 8);
  return 0x90;
}

int SDT_ReadBaseMsg(int port, unsigned char *text, unsigned int *textLength, unsigned char *photo,
                    unsigned int *photoLength, int ifOpen) {
  logCall("SDT_ReadBaseMsg", port, ifOpen);
  if (is("hang")) usleep(3000 * 1000);
  if (is("readFail")) return 0x41;
  if (is("removed")) return 0x80;
  const char *path = getenv("SDT_TEXT_FILE");
  FILE *file = path ? fopen(path, "rb") : NULL;
  if (!file) return 0x41;
  size_t read = fread(text, 1, 256, file);
  fclose(file);
  *textLength = (unsigned int)read;
  memset(photo, 0x57, 1024);
  *photoLength = 1024;
  return 0x90;
}
