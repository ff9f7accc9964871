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

static int klaxon_trace(CURL *handle, curl_infotype type, char *data, size_t size, void *user) {
    (void)handle;
    klaxon_refused_recipient *log = user;
    if (log == NULL) return 0;
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
        int digits = data[1] >= '0' && data[1] <= '9' && data[2] >= '0' && data[2] <= '9';
        if ((data[0] == '4' || data[0] == '5') && digits && log->code == 0) {
            log->code = (data[0] - '0') * 100 + (data[1] - '0') * 10 + (data[2] - '0');
            memcpy(log->refused, log->pending, sizeof(log->refused));
        }
    }
    return 0;
}

CURLcode klaxon_curl_trace_refused_recipient(CURL *handle, klaxon_refused_recipient *log) {
    memset(log, 0, sizeof(*log));
    curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, klaxon_trace);
    curl_easy_setopt(handle, CURLOPT_DEBUGDATA, log);
    // The trace function is only called in verbose mode; with one set, nothing is printed.
    return curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);
}
