// Plain TCP connections to a server on 127.0.0.1, for the preview server's
// hardening tests (serve_test.cpp) and its load test (serve_load_test.cpp):
// they send what an HTTP client library never would (no Host header, a
// header line every second, a body that never ends, thousands of ranges) and
// wait for what comes back with a deadline, so no test can hang.
#pragma once

#include <chrono>
#include <string>

namespace sourced::test {

using Millis = std::chrono::milliseconds;

// One TCP connection to 127.0.0.1:port; closed on destruction.
class RawConnection {
public:
    RawConnection() = default;
    explicit RawConnection(int port, Millis timeout = Millis(2000));
    RawConnection(RawConnection&& other) noexcept;
    RawConnection& operator=(RawConnection&& other) noexcept;
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;
    ~RawConnection();

    bool connected() const { return fd_ >= 0; }
    int fd() const { return fd_; }
    // All of `bytes`, or false (the server closed the connection, or it did not
    // take them within `timeout`).
    bool send(const std::string& bytes, Millis timeout = Millis(2000));
    // Reads until the response head ("\r\n\r\n") and, with a Content-Length, its
    // body have arrived, the server closes the connection, or `timeout` passes.
    // Bytes read past the head of a response without a length (a stream) stay in
    // received().
    struct Response {
        bool complete = false;  // head (and the whole body, if it had a length) arrived
        bool closed = false;    // the server closed the connection
        int status = 0;
        std::string head;
        std::string body;
    };
    Response read_response(Millis timeout);
    // True once what the server sent after the last response head holds `text`
    // (a stream's event), false if it does not within `timeout`.
    bool wait_for_text(const std::string& text, Millis timeout);
    // True once the server has closed the connection (EOF or reset), false if
    // it is still open after `timeout`. Whatever it sends first is read and dropped.
    bool wait_closed(Millis timeout);
    // True if the server has closed the connection by now (does not wait).
    bool closed_by_server() { return wait_closed(Millis(0)); }
    void close();

private:
    int fd_ = -1;
    std::string received_;
};

// `request` sent on a fresh connection and its response read, all within `timeout`.
RawConnection::Response raw_request(int port, const std::string& request, Millis timeout = Millis(3000));

// "GET <path> HTTP/1.1" with Host 127.0.0.1:port and `extra` header lines
// (each ending in "\r\n").
std::string get_request(int port, const std::string& path, const std::string& extra = "");

// The value of header `name` (case-insensitive) in a response head; empty if absent.
std::string header_value(const std::string& head, const std::string& name);

}  // namespace sourced::test
