#ifndef GLOW_CTESTSUPPORT_H
#define GLOW_CTESTSUPPORT_H
// glibc's wcwidth sits behind _XOPEN_SOURCE and is not visible from Swift's Glibc module;
// tests compare our DisplayWidth against it.
int glow_test_wcwidth(unsigned int scalar);
#endif
