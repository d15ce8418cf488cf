// HTTP through libcurl, loaded with dlopen on first use: linking it (or FoundationNetworking, which
// links it) costs every start of the program about 8 ms in loading shared libraries, and most runs
// never go online. The constants below are libcurl's stable ABI values (curl/curl.h); declaring them
// here means no -dev package is needed to build.
#define _GNU_SOURCE
#include "chttp.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void CURL;
typedef void CURLM;
struct curl_slist;
typedef struct { int msg; CURL *easy_handle; union { void *whatever; int result; } data; } CURLMsg;

enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_ERRORBUFFER = 10010, OPT_WRITEFUNCTION = 20011,
    OPT_POSTFIELDS = 10015, OPT_USERAGENT = 10018, OPT_HTTPHEADER = 10023, OPT_HEADERDATA = 10029,
    OPT_CUSTOMREQUEST = 10036, OPT_POST = 47, OPT_POSTFIELDSIZE = 60, OPT_HEADERFUNCTION = 20079,
    OPT_NOSIGNAL = 99, OPT_PRIVATE = 10103, OPT_TIMEOUT_MS = 155, OPT_CONNECTTIMEOUT_MS = 156,
    OPT_CAINFO = 10065, OPT_HTTPGET = 80, OPT_RESOLVE = 10203, OPT_CONNECT_TO = 10243,
    INFO_RESPONSE_CODE = 0x200000 + 2, INFO_PRIVATE = 0x100000 + 21, INFO_OS_ERRNO = 0x200000 + 25,
    INFO_PRIMARY_IP = 0x100000 + 32, INFO_PRIMARY_PORT = 0x200000 + 40,
    INFO_TOTAL_TIME = 0x300000 + 3, INFO_NAMELOOKUP_TIME = 0x300000 + 4, INFO_CONNECT_TIME = 0x300000 + 5,
    INFO_PRETRANSFER_TIME = 0x300000 + 6, INFO_STARTTRANSFER_TIME = 0x300000 + 17, INFO_APPCONNECT_TIME = 0x300000 + 33,
    MSG_DONE = 1, GLOBAL_ALL = 3, MOPT_MAX_TOTAL_CONNECTIONS = 13,
};

static struct {
    int loaded;
    char error[256];
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_getinfo)(CURL *, int, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(int);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLM *(*multi_init)(void);
    int (*multi_setopt)(CURLM *, int, ...);
    int (*multi_add_handle)(CURLM *, CURL *);
    int (*multi_remove_handle)(CURLM *, CURL *);
    int (*multi_perform)(CURLM *, int *);
    int (*multi_wait)(CURLM *, void *, unsigned int, int, int *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    int (*multi_cleanup)(CURLM *);
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(curl.error, sizeof curl.error, "libcurl is not installed (%s); install libcurl4", dlerror());
        return;
    }
#define SYM(field, name) \
    if (!(*(void **)&curl.field = dlsym(lib, name))) { \
        snprintf(curl.error, sizeof curl.error, "libcurl has no %s (too old?)", name); return; }
    SYM(global_init, "curl_global_init")
    SYM(easy_init, "curl_easy_init")
    SYM(easy_setopt, "curl_easy_setopt")
    SYM(easy_getinfo, "curl_easy_getinfo")
    SYM(easy_cleanup, "curl_easy_cleanup")
    SYM(easy_strerror, "curl_easy_strerror")
    SYM(slist_append, "curl_slist_append")
    SYM(slist_free_all, "curl_slist_free_all")
    SYM(multi_init, "curl_multi_init")
    SYM(multi_setopt, "curl_multi_setopt")
    SYM(multi_add_handle, "curl_multi_add_handle")
    SYM(multi_remove_handle, "curl_multi_remove_handle")
    SYM(multi_perform, "curl_multi_perform")
    SYM(multi_wait, "curl_multi_wait")
    SYM(multi_info_read, "curl_multi_info_read")
    SYM(multi_cleanup, "curl_multi_cleanup")
#undef SYM
    if (curl.global_init(GLOBAL_ALL) != 0) {
        snprintf(curl.error, sizeof curl.error, "libcurl did not initialise");
        return;
    }
    curl.loaded = 1;
}

int glow_http_load(char *error, size_t error_size) {
    pthread_once(&load_once, load);
    if (curl.loaded) return 0;
    snprintf(error, error_size, "%s", curl.error);
    return -1;
}

typedef struct { char **data; size_t *length; size_t limit; size_t cap; size_t seen; int *over; int which; } sink;

/// The headers' cap (libcurl 8 has its own of 300 KB; older ones bound one header line only).
#define HEADER_CAP ((size_t)256 << 10)

static size_t append(char *ptr, size_t size, size_t count, void *user) {
    sink *s = user;
    size_t n = size * count;
    s->seen += n;
    // Past the cap the transfer stops (returning less than n makes libcurl abort it): a 2 GB body is
    // never read to its end.
    if (s->cap && s->seen > s->cap) { *s->over = s->which; return 0; }
    // Past the limit the rest is read and dropped.
    size_t keep = n;
    if (s->limit) keep = *s->length >= s->limit ? 0 : (n < s->limit - *s->length ? n : s->limit - *s->length);
    if (keep == 0) return n;
    char *grown = realloc(*s->data, *s->length + keep + 1);
    if (!grown) return 0;
    memcpy(grown + *s->length, ptr, keep);
    *s->length += keep;
    grown[*s->length] = 0;
    *s->data = grown;
    return n;
}

int glow_http_perform(glow_http_exchange *exchanges, int count, int parallel, char *error, size_t error_size) {
    if (glow_http_load(error, error_size) != 0) return -1;
    CURLM *multi = curl.multi_init();
    if (!multi) { snprintf(error, error_size, "libcurl: no multi handle"); return -1; }
    curl.multi_setopt(multi, MOPT_MAX_TOTAL_CONNECTIONS, (long)(parallel > 0 ? parallel : 8));
    CURL **easies = calloc((size_t)count, sizeof(CURL *));
    struct curl_slist **lists = calloc((size_t)count * 3, sizeof(struct curl_slist *));
    sink *bodies = calloc((size_t)count, sizeof(sink));
    sink *heads = calloc((size_t)count, sizeof(sink));
    for (int i = 0; i < count; i++) {
        glow_http_exchange *x = &exchanges[i];
        x->status = 0;
        x->response_body = NULL; x->response_length = 0;
        x->response_headers = NULL; x->response_headers_length = 0;
        x->error[0] = 0;
        x->curl_code = -1; x->os_errno = 0; x->primary_ip[0] = 0; x->primary_port = 0;
        x->over_cap = 0;
        x->time_dns = x->time_connect = x->time_tls = x->time_pretransfer = x->time_first_byte = x->time_total = 0;
        CURL *e = curl.easy_init();
        if (!e) { snprintf(x->error, sizeof x->error, "libcurl: no handle"); continue; }
        easies[i] = e;
        bodies[i] = (sink){&x->response_body, &x->response_length, x->max_body, x->body_cap, 0, &x->over_cap, 1};
        heads[i] = (sink){&x->response_headers, &x->response_headers_length, 0, HEADER_CAP, 0, &x->over_cap, 2};
        curl.easy_setopt(e, OPT_URL, x->url);
        curl.easy_setopt(e, OPT_NOSIGNAL, 1L);
        curl.easy_setopt(e, OPT_WRITEFUNCTION, append);
        curl.easy_setopt(e, OPT_WRITEDATA, &bodies[i]);
        curl.easy_setopt(e, OPT_HEADERFUNCTION, append);
        curl.easy_setopt(e, OPT_HEADERDATA, &heads[i]);
        curl.easy_setopt(e, OPT_ERRORBUFFER, x->error);
        curl.easy_setopt(e, OPT_TIMEOUT_MS, x->timeout_ms);
        curl.easy_setopt(e, OPT_CONNECTTIMEOUT_MS, x->timeout_ms < 10000 ? x->timeout_ms : 10000L);
        curl.easy_setopt(e, OPT_PRIVATE, (void *)(long)i);
        if (x->ca_bundle) curl.easy_setopt(e, OPT_CAINFO, x->ca_bundle);
        struct curl_slist *list = NULL;
        if (!x->plain_headers) {
            // libcurl adds "Expect: 100-continue" to larger POSTs and an Accept header; neither is signed.
            list = curl.slist_append(list, "Expect:");
            list = curl.slist_append(list, "Accept:");
        }
        for (int h = 0; h < x->header_count; h++) list = curl.slist_append(list, x->headers[h]);
        lists[i * 3] = list;
        curl.easy_setopt(e, OPT_HTTPHEADER, list);
        struct curl_slist *connect_to = NULL, *resolve = NULL;
        for (int k = 0; k < x->connect_to_count; k++) connect_to = curl.slist_append(connect_to, x->connect_to[k]);
        for (int k = 0; k < x->resolve_count; k++) resolve = curl.slist_append(resolve, x->resolve[k]);
        lists[i * 3 + 1] = connect_to;
        lists[i * 3 + 2] = resolve;
        if (connect_to) curl.easy_setopt(e, OPT_CONNECT_TO, connect_to);
        if (resolve) curl.easy_setopt(e, OPT_RESOLVE, resolve);
        if (strcmp(x->method, "GET") == 0) {
            curl.easy_setopt(e, OPT_HTTPGET, 1L);
        } else {
            curl.easy_setopt(e, OPT_POST, 1L);
            curl.easy_setopt(e, OPT_POSTFIELDSIZE, (long)x->body_length);
            curl.easy_setopt(e, OPT_POSTFIELDS, x->body ? x->body : "");
            if (strcmp(x->method, "POST") != 0) curl.easy_setopt(e, OPT_CUSTOMREQUEST, x->method);
        }
        curl.multi_add_handle(multi, e);
    }
    int running = 1;
    while (running) {
        if (curl.multi_perform(multi, &running) != 0) break;
        int queued;
        CURLMsg *m;
        while ((m = curl.multi_info_read(multi, &queued))) {
            if (m->msg != MSG_DONE) continue;
            void *priv = NULL;
            curl.easy_getinfo(m->easy_handle, INFO_PRIVATE, &priv);
            glow_http_exchange *x = &exchanges[(long)priv];
            x->curl_code = m->data.result;
            long os_errno = 0, port = 0;
            char *ip = NULL;
            curl.easy_getinfo(m->easy_handle, INFO_OS_ERRNO, &os_errno);
            curl.easy_getinfo(m->easy_handle, INFO_PRIMARY_PORT, &port);
            curl.easy_getinfo(m->easy_handle, INFO_PRIMARY_IP, &ip);
            x->os_errno = (int)os_errno;
            x->primary_port = port;
            if (ip) snprintf(x->primary_ip, sizeof x->primary_ip, "%s", ip);
            curl.easy_getinfo(m->easy_handle, INFO_NAMELOOKUP_TIME, &x->time_dns);
            curl.easy_getinfo(m->easy_handle, INFO_CONNECT_TIME, &x->time_connect);
            curl.easy_getinfo(m->easy_handle, INFO_APPCONNECT_TIME, &x->time_tls);
            curl.easy_getinfo(m->easy_handle, INFO_PRETRANSFER_TIME, &x->time_pretransfer);
            curl.easy_getinfo(m->easy_handle, INFO_STARTTRANSFER_TIME, &x->time_first_byte);
            curl.easy_getinfo(m->easy_handle, INFO_TOTAL_TIME, &x->time_total);
            if (m->data.result == 0) {
                long code = 0;
                curl.easy_getinfo(m->easy_handle, INFO_RESPONSE_CODE, &code);
                x->status = code;
            } else if (x->error[0] == 0) {
                snprintf(x->error, sizeof x->error, "%s", curl.easy_strerror(m->data.result));
            }
        }
        if (running) curl.multi_wait(multi, NULL, 0, 1000, NULL);
    }
    for (int i = 0; i < count; i++) {
        if (!easies[i]) continue;
        curl.multi_remove_handle(multi, easies[i]);
        curl.easy_cleanup(easies[i]);
        for (int k = 0; k < 3; k++) curl.slist_free_all(lists[i * 3 + k]);
    }
    curl.multi_cleanup(multi);
    free(easies); free(lists); free(bodies); free(heads);
    return 0;
}

void glow_http_release(glow_http_exchange *x) {
    free(x->response_body);
    free(x->response_headers);
    x->response_body = NULL;
    x->response_headers = NULL;
}
