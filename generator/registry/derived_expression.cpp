#include "derived_expression.h"

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace sourced {

namespace {

struct ParseError {
    std::string message;
    std::size_t offset;
};

struct Token {
    enum Kind { number, id, op, end } kind = end;
    std::string text;
    std::size_t offset = 0;
};

bool id_char(char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '.' ||
           c == '_' || c == '-';
}

std::vector<Token> tokenize(const std::string& s) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == ' ' || c == '\t') { ++i; continue; }
        if (c == '+' || c == '-' || c == '*' || c == '/' || c == '(' || c == ')') {
            tokens.push_back({Token::op, std::string(1, c), i});
            ++i;
            continue;
        }
        if (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c))) {
            std::size_t j = i;
            while (j < s.size() && id_char(s[j])) ++j;
            while (j > i + 1 && (s[j - 1] == '-' || s[j - 1] == '.')) --j;  // "a- b": the '-' is an operator
            std::string text = s.substr(i, j - i);
            bool numeric = text.find_first_not_of("0123456789.") == std::string::npos;
            if (numeric && (text.find('.') != text.rfind('.') || text.back() == '.'))
                throw ParseError{"malformed number '" + text + "'", i};
            tokens.push_back({numeric ? Token::number : Token::id, text, i});
            i = j;
            continue;
        }
        throw ParseError{std::string("unexpected character '") + c + "'", i};
    }
    tokens.push_back({Token::end, "", s.size()});
    return tokens;
}

class Parser {
public:
    Parser(std::vector<Token> tokens, const std::function<std::optional<double>(const std::string&)>& lookup,
           DerivedResult& result)
        : tokens_(std::move(tokens)), lookup_(lookup), result_(result) {}

    double parse() {
        double v = expr();
        if (peek().kind != Token::end) throw ParseError{"unexpected '" + peek().text + "'", peek().offset};
        return v;
    }

private:
    const Token& peek() const { return tokens_[pos_]; }
    bool accept(const char* op) {
        if (peek().kind == Token::op && peek().text == op) { ++pos_; return true; }
        return false;
    }
    double expr() {
        double v = term();
        for (;;) {
            if (accept("+")) v += term();
            else if (accept("-")) v -= term();
            else return v;
        }
    }
    double term() {
        double v = factor();
        for (;;) {
            if (accept("*")) v *= factor();
            else if (peek().kind == Token::op && peek().text == "/") {
                std::size_t at = peek().offset;
                ++pos_;
                double d = factor();
                if (d == 0) throw ParseError{"division by zero", at};
                v /= d;
            } else return v;
        }
    }
    double factor() {
        const Token t = peek();
        if (accept("-")) return -factor();
        if (accept("(")) {
            double v = expr();
            if (!accept(")")) throw ParseError{"expected ')'", peek().offset};
            return v;
        }
        if (t.kind == Token::number) { ++pos_; return std::strtod(t.text.c_str(), nullptr); }
        if (t.kind == Token::id) {
            ++pos_;
            std::optional<double> v = lookup_(t.text);
            if (!v) throw ParseError{"unknown figure '" + t.text + "'", t.offset};
            result_.ids.push_back(t.text);
            return *v;
        }
        throw ParseError{t.kind == Token::end ? "unexpected end of expression" : "unexpected '" + t.text + "'", t.offset};
    }

    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    const std::function<std::optional<double>(const std::string&)>& lookup_;
    DerivedResult& result_;
};

}  // namespace

DerivedResult evaluate_derived(const std::string& expression,
                               const std::function<std::optional<double>(const std::string&)>& lookup) {
    DerivedResult result;
    try {
        std::vector<Token> tokens = tokenize(expression);
        for (const Token& t : tokens)
            if (t.kind != Token::end) result.tokens.push_back({t.text, t.kind == Token::id});
        result.value = Parser(std::move(tokens), lookup, result).parse();
        result.ok = true;
    } catch (const ParseError& e) {
        result.error = e.message;
        result.error_offset = e.offset;
    }
    return result;
}

}  // namespace sourced
