#ifndef CHTTP_H
#define CHTTP_H
#include <stddef.h>

/// One HTTP exchange. The caller fills the request fields; glow_http_perform fills the rest, which
/// glow_http_release frees.
typedef struct {
    const char *method;
    const char *url;
    const char *const *headers;   // "Name: value" lines
    int header_count;
    const char *body;
    size_t body_length;
    long timeout_ms;
    const char *ca_bundle;        // NULL: libcurl's default trust store

    long status;                  // 0 when no response arrived
    char *response_body;
    size_t response_length;
    char *response_headers;       // the raw header block(s)
    size_t response_headers_length;
    char error[256];              // libcurl's message when status is 0
} glow_http_exchange;

/// Loads libcurl (libcurl.so.4) on first use, so programs that never go online never load it.
/// Returns 0, or -1 with a message in `error`.
int glow_http_load(char *error, size_t error_size);

/// Runs every exchange concurrently (at most `parallel` connections at once) and returns when all
/// have finished. Returns 0, or -1 with a message in `error` when libcurl could not be used at all.
int glow_http_perform(glow_http_exchange *exchanges, int count, int parallel, char *error, size_t error_size);

void glow_http_release(glow_http_exchange *exchange);
#endif
