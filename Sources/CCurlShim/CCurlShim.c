#include "CCurlShim.h"

CURLcode klaxon_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode klaxon_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode klaxon_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode klaxon_curl_setopt_read_function(CURL *handle, size_t (*function)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, function);
}

CURLcode klaxon_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#include <string.h>
#include <strings.h>

// libcurl 7.69 to 8.1 spelled the option with three Ls.
#ifndef CURLOPT_MAIL_RCPT_ALLOWFAILS
#define CURLOPT_MAIL_RCPT_ALLOWFAILS CURLOPT_MAIL_RCPT_ALLLOWFAILS
#endif

static int klaxon_trace(CURL *handle, curl_infotype type, char *data, size_t size, void *user) {
    (void)handle;
    klaxon_refused_recipients *log = user;
    if (type == CURLINFO_HEADER_OUT && size > 8 && strncasecmp(data, "RCPT TO:", 8) == 0) {
        size_t start = 8, end = size;
        while (end > start && (data[end - 1] == '\r' || data[end - 1] == '\n')) end--;
        if (start < end && data[start] == '<') start++;
        if (end > start && data[end - 1] == '>') end--;
        size_t length = end - start < sizeof(log->pending) - 1 ? end - start : sizeof(log->pending) - 1;
        memcpy(log->pending, data + start, length);
        log->pending[length] = 0;
        log->awaiting = 1;
    } else if (type == CURLINFO_HEADER_IN && log->awaiting && size >= 4) {
        // A reply's last line has a space after its code ("550 No such user"); "250-" lines continue it.
        if (data[3] == '-') return 0;
        log->awaiting = 0;
        if (data[0] == '4' || data[0] == '5') {
            size_t length = strlen(log->pending);
            if (log->used + length + 2 < sizeof(log->refused)) {
                memcpy(log->refused + log->used, log->pending, length);
                log->used += length;
                log->refused[log->used++] = '\n';
                log->refused[log->used] = 0;
            }
        }
    }
    return 0;
}

CURLcode klaxon_curl_allow_refused_recipients(CURL *handle, klaxon_refused_recipients *log) {
    memset(log, 0, sizeof(*log));
    curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, klaxon_trace);
    curl_easy_setopt(handle, CURLOPT_DEBUGDATA, log);
    // The trace function is only called in verbose mode; with one set, nothing is printed.
    curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);
    return curl_easy_setopt(handle, CURLOPT_MAIL_RCPT_ALLOWFAILS, 1L);
}
