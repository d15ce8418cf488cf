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
    const char *const *connect_to; // curl's CONNECT_TO entries ("HOST:PORT:ADDR:PORT"); may be NULL
    int connect_to_count;
    const char *const *resolve;   // curl's RESOLVE entries ("HOST:PORT:ADDR"); may be NULL
    int resolve_count;
    size_t max_body;              // keep at most this many body bytes (0: all)
    size_t body_cap;              // stop the transfer past this many body bytes (0: never)
    int plain_headers;            // 1: send only the caller's headers (no "Expect:"/"Accept:" blanking)

    long status;                  // 0 when no response arrived
    char *response_body;
    size_t response_length;
    char *response_headers;       // the raw header block(s)
    size_t response_headers_length;
    char error[256];              // libcurl's message when status is 0
    int curl_code;                // libcurl's result code (0: a response arrived)
    int os_errno;                 // the connect error's errno, when there was one
    // Seconds from the start, as libcurl measures them: name resolved, TCP connected, TLS done,
    // request about to be sent, first response byte, all done.
    double time_dns, time_connect, time_tls, time_pretransfer, time_first_byte, time_total;
    char primary_ip[64];          // the address connected to
    long primary_port;
    int over_cap;                 // stopped because the body (1) or the headers (2, past 256 KiB) grew past its cap
} glow_http_exchange;

/// Loads libcurl (libcurl.so.4) on first use, so programs that never go online never load it.
/// Returns 0, or -1 with a message in `error`.
int glow_http_load(char *error, size_t error_size);

/// Runs every exchange concurrently (at most `parallel` connections at once) and returns when all
/// have finished. Returns 0, or -1 with a message in `error` when libcurl could not be used at all.
int glow_http_perform(glow_http_exchange *exchanges, int count, int parallel, char *error, size_t error_size);

void glow_http_release(glow_http_exchange *exchange);
#endif
