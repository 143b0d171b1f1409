#include "raw_http.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace sourced::test {

namespace {

using Clock = std::chrono::steady_clock;

// Milliseconds left until `deadline` (0 once it has passed).
int left(Clock::time_point deadline) {
    auto ms = std::chrono::duration_cast<Millis>(deadline - Clock::now()).count();
    return ms > 0 ? static_cast<int>(ms) : 0;
}

bool wait_for(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        pollfd p{fd, events, 0};
        int n = ::poll(&p, 1, left(deadline));
        if (n < 0 && errno == EINTR) continue;
        return n > 0;
    }
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

RawConnection::RawConnection(int port, Millis timeout) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        int error = 0;
        socklen_t size = sizeof error;
        if (errno != EINPROGRESS || !wait_for(fd, POLLOUT, Clock::now() + timeout) ||
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0 || error != 0) {
            ::close(fd);
            return;
        }
    }
    fd_ = fd;
}

RawConnection::RawConnection(RawConnection&& other) noexcept : fd_(other.fd_), received_(std::move(other.received_)) {
    other.fd_ = -1;
}

RawConnection& RawConnection::operator=(RawConnection&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = other.fd_;
        received_ = std::move(other.received_);
        other.fd_ = -1;
    }
    return *this;
}

RawConnection::~RawConnection() { close(); }

void RawConnection::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    received_.clear();
}

bool RawConnection::send(const std::string& bytes, Millis timeout) {
    if (fd_ < 0) return false;
    auto deadline = Clock::now() + timeout;
    size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<size_t>(n);
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            if (!wait_for(fd_, POLLOUT, deadline)) return false;
        } else {
            return false;
        }
    }
    return true;
}

RawConnection::Response RawConnection::read_response(Millis timeout) {
    Response response;
    if (fd_ < 0) {
        response.closed = true;
        return response;
    }
    auto deadline = Clock::now() + timeout;
    char buffer[65536];
    for (;;) {
        auto end = received_.find("\r\n\r\n");
        if (end != std::string::npos) {
            response.head = received_.substr(0, end + 4);
            if (response.head.rfind("HTTP/1.", 0) == 0 && response.head.size() > 12)
                response.status = std::atoi(response.head.c_str() + 9);
            std::string length = header_value(response.head, "Content-Length");
            size_t want = length.empty() ? 0 : static_cast<size_t>(std::strtoull(length.c_str(), nullptr, 10));
            if (length.empty() || received_.size() - response.head.size() >= want) {
                size_t take = length.empty() ? received_.size() - response.head.size() : want;
                response.body = received_.substr(response.head.size(), take);
                received_.erase(0, response.head.size() + take);
                response.complete = true;
                return response;
            }
        }
        if (!wait_for(fd_, POLLIN, deadline)) return response;
        ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n > 0) {
            received_.append(buffer, static_cast<size_t>(n));
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            response.closed = true;
            if (end != std::string::npos) response.body = received_.substr(response.head.size());
            return response;
        }
    }
}

bool RawConnection::wait_for_text(const std::string& text, Millis timeout) {
    auto deadline = Clock::now() + timeout;
    char buffer[65536];
    while (received_.find(text) == std::string::npos) {
        if (fd_ < 0 || !wait_for(fd_, POLLIN, deadline)) return false;
        ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n > 0) received_.append(buffer, static_cast<size_t>(n));
        else if (n == 0 || (errno != EAGAIN && errno != EINTR)) return false;
    }
    return true;
}

bool RawConnection::wait_closed(Millis timeout) {
    if (fd_ < 0) return true;
    auto deadline = Clock::now() + timeout;
    char buffer[65536];
    for (;;) {
        ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) return true;
        if (n > 0) continue;
        if (left(deadline) == 0 || !wait_for(fd_, POLLIN, deadline)) return false;
    }
}

RawConnection::Response raw_request(int port, const std::string& request, Millis timeout) {
    auto deadline = Clock::now() + timeout;
    RawConnection connection(port, timeout);
    if (!connection.connected() || !connection.send(request, timeout)) return {};
    return connection.read_response(Millis(left(deadline)));
}

std::string get_request(int port, const std::string& path, const std::string& extra) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n" + extra + "\r\n";
}

std::string header_value(const std::string& head, const std::string& name) {
    const std::string wanted = lower(name) + ":";
    size_t start = head.find("\r\n");
    while (start != std::string::npos && start + 2 < head.size()) {
        size_t end = head.find("\r\n", start + 2);
        if (end == std::string::npos) break;
        std::string line = head.substr(start + 2, end - start - 2);
        if (lower(line.substr(0, wanted.size())) == wanted) {
            std::string value = line.substr(wanted.size());
            value.erase(0, value.find_first_not_of(" \t"));
            return value;
        }
        start = end;
    }
    return "";
}

}  // namespace sourced::test
