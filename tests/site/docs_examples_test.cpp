// The docs cannot drift: every fenced example in docs/*.md and README.md whose
// info string carries the word `test` is built or run (the convention is in
// docs/contributing.md):
//   ```markdown test           a page, added to the shipped explainer, must build without errors
//   ```json test registry.json a registry, loaded by the registry loader without errors
//   ```json test site.json     a site.json, loaded by the site loader without errors
//   ```sh test                 each line starting `sourced ` runs, in a copy of the project, and exits 0
//   ```console test            `$ command` lines run, in order, in a copy of the project; what each
//                              prints (stdout and stderr) must be the lines under it, once times,
//                              sizes and the temporary directory are normalised; a command that
//                              fails must be followed by `$ echo $?` showing its status
// A block that looks like sourced's output (a diagnostic, a summary, `--stats`
// lines) and is not a `console test` block fails the suite, so new docs cannot
// show output that nothing compares. The example CI files under docs/examples/
// run their `sourced` command lines against the shipped content, with the
// flags they use.
#include <catch2/catch.hpp>

#include <cmark-gfm.h>

#include <cstdlib>
#include <algorithm>
#include <atomic>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "markdown_document.h"
#include "registry.h"
#include "site_config.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

struct Example {
    std::string where;     // docs/x.md:12 or README.md:63
    std::string language;  // markdown, json, sh, console
    std::string file;      // third word of the info string, e.g. registry.json
    std::string text;
    bool marked = false;   // `test` is the second word of the info string
    fs::path path;         // the Markdown file
    int last_line = 0;     // the block's closing fence (its opening one is in `where`)
};

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

// Every code block (fenced or indented) of one Markdown file, read with cmark-gfm.
std::vector<Example> code_blocks(const fs::path& path, const std::string& name) {
    std::vector<Example> found;
    MarkdownDocument doc(test::read_file(path), 1);
    cmark_iter* iter = cmark_iter_new(doc.root());
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK) continue;
        const char* info = cmark_node_get_fence_info(node);
        std::vector<std::string> w = words(info ? info : "");
        Example e{name + ":" + std::to_string(cmark_node_get_start_line(node)), w.empty() ? "" : w[0],
                  w.size() > 2 ? w[2] : "", cmark_node_get_literal(node), w.size() >= 2 && w[1] == "test",
                  path, cmark_node_get_end_line(node)};
        found.push_back(std::move(e));
    }
    cmark_iter_free(iter);
    return found;
}

// The code blocks of docs/*.md, then README.md.
std::vector<Example> all_blocks() {
    std::vector<Example> all;
    std::vector<fs::path> docs;
    for (const auto& entry : fs::directory_iterator(fs::path(SOURCED_PROJECT_DIR) / "docs"))
        if (entry.path().extension() == ".md") docs.push_back(entry.path());
    std::sort(docs.begin(), docs.end());
    for (const auto& path : docs)
        for (Example& e : code_blocks(path, "docs/" + path.filename().string())) all.push_back(std::move(e));
    for (Example& e : code_blocks(fs::path(SOURCED_PROJECT_DIR) / "README.md", "README.md")) all.push_back(std::move(e));
    return all;
}

// The blocks marked `test`.
std::vector<Example> all_examples() {
    std::vector<Example> marked;
    for (Example& e : all_blocks())
        if (e.marked) marked.push_back(std::move(e));
    return marked;
}

int shell(const std::string& command) {
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A copy of the project's content/, templates/ and assets/ in `dir`.
void copy_project(const fs::path& dir) {
    for (const char* part : {"content", "templates", "assets"})
        fs::copy(fs::path(SOURCED_PROJECT_DIR) / part, dir / part, fs::copy_options::recursive);
}

// "sourced build ..." (or "./build/sourced ...") -> the binary under test.
std::string with_binary(const std::string& line) {
    static const std::regex program(R"(^(\./build/)?sourced )");
    return std::regex_replace(line, program, std::string(SOURCED_BINARY) + " ", std::regex_constants::format_first_only);
}

// One `$ command` line of a console example and the lines under it (what it prints).
struct Step {
    std::string command;
    std::string expected;
};

// The steps of a console example; `problem` says why there are none. A command
// that ends in a here-document (`$ cat > content/x.md <<'EOF'`) takes the lines
// under it, up to the delimiter line, as its input, not as what it prints.
std::vector<Step> console_steps(const std::string& text, std::string& problem) {
    static const std::regex here_document(R"(<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\s*$)");
    std::vector<Step> steps;
    std::string delimiter;  // inside a here-document until this line
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (!delimiter.empty()) {
            steps.back().command += "\n" + line;
            if (line == delimiter) delimiter.clear();
        } else if (line.rfind("$ ", 0) == 0) {
            steps.push_back({line.substr(2), ""});
            if (std::regex_search(line, m, here_document)) delimiter = m[2];
        } else if (steps.empty()) {
            problem = "a console example must start with a `$ ` command line";
        } else {
            steps.back().expected += line + "\n";
        }
    }
    if (!delimiter.empty()) problem = "a here-document without its end line `" + delimiter + "`";
    if (steps.empty() && problem.empty()) problem = "a console example without a `$ ` command line";
    return steps;
}

// The steps as the docs show them, or as they ran: `$ command`, then its output.
std::string transcript(const std::vector<Step>& steps) {
    std::string text;
    for (const Step& s : steps) text += "$ " + s.command + "\n" + s.expected;
    return text;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    if (from.empty()) return;
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// What varies from run to run, made the same in the docs and in the output: the
// project directory (shown as /home/you), durations, sizes in KiB or bytes, and
// the PID in a staging directory's name.
std::string normalised(std::string text, const fs::path& project) {
    replace_all(text, fs::weakly_canonical(project).string(), "/home/you");
    replace_all(text, project.string(), "/home/you");
    static const std::pair<std::regex, std::string> rules[] = {
        {std::regex(R"( *\b[0-9]+(\.[0-9]+)? ms\b)"), " <N> ms"},
        {std::regex(R"(\b[0-9]+ KiB\b)"), "<N> KiB"},
        {std::regex(R"(\([0-9]+ bytes\))"), "(<N> bytes)"},
        {std::regex(R"(\.tmp-[0-9]+)"), ".tmp-<pid>"},
    };
    for (const auto& [pattern, replacement] : rules) text = std::regex_replace(text, pattern, replacement);
    return text;
}

// Runs the steps, in order, in one shell in `project` (so `$ echo $?` shows
// the status of the command before it): each command's stdout and stderr, and
// its exit status.
std::vector<Step> run_console(const std::vector<Step>& steps, const fs::path& scratch, const fs::path& project,
                              std::vector<int>& statuses) {
    std::string script = "sourced() { '" + std::string(SOURCED_BINARY) + "' \"$@\"; }\ncd '" + project.string() + "' || exit 99\n";
    for (const Step& s : steps)  // after each command a record separator and its status, which stays in $?
        script += s.command + "\n__status=$?; printf '\\036%d\\n' \"$__status\"; (exit \"$__status\")\n";
    test::write_file(scratch / "example.sh", script);
    // `timeout`: an example that does not finish (`sourced serve`) stops the shell instead of the suite.
    std::string command = "timeout 120 sh '" + (scratch / "example.sh").string() + "' >'" + (scratch / "output").string() +
                          "' 2>&1 </dev/null";
    std::system(command.c_str());
    std::string out = test::read_file(scratch / "output");
    std::vector<Step> ran;
    size_t start = 0;
    for (const Step& s : steps) {
        size_t mark = out.find('\036', start);
        if (mark == std::string::npos) break;
        size_t end = out.find('\n', mark);
        ran.push_back({s.command, out.substr(start, mark - start)});
        statuses.push_back(std::atoi(out.substr(mark + 1, end - mark - 1).c_str()));
        start = end == std::string::npos ? out.size() : end + 1;
    }
    if (ran.size() < steps.size()) ran.push_back({"(the example's shell stopped here)", out.substr(start)});
    return ran;
}

// `diff -u` of the docs' text and the output.
std::string unified_diff(const std::string& expected, const std::string& actual, const std::string& where,
                         const fs::path& scratch) {
    test::write_file(scratch / "expected", expected);
    test::write_file(scratch / "actual", actual);
    std::string command = "diff -u --label '" + where + " (the docs)' --label '(what the commands printed)' '" +
                          (scratch / "expected").string() + "' '" + (scratch / "actual").string() + "' >'" +
                          (scratch / "diff").string() + "'";
    std::system(command.c_str());
    return test::read_file(scratch / "diff");
}

// What running one console example found: empty strings when it printed what
// the docs show.
struct ConsoleResult {
    std::string problem;             // the example cannot be run
    std::string diff;                // what it printed, if that differs from the docs
    std::vector<std::string> statuses;  // failed commands whose status the docs do not show
    int commands = 0;
    std::string printed;             // the commands and what they printed, the project as /home/you
};

ConsoleResult run_console_example(const Example& e) {
    ConsoleResult result;
    std::vector<Step> steps = console_steps(e.text, result.problem);
    if (!result.problem.empty()) return result;
    test::TempDir scratch;
    const fs::path project = scratch.path() / "project";
    fs::create_directory(project);
    copy_project(project);
    std::vector<int> statuses;
    std::vector<Step> ran = run_console(steps, scratch.path(), project, statuses);
    result.commands = static_cast<int>(steps.size());
    std::string expected = normalised(transcript(steps), project), actual = normalised(transcript(ran), project);
    if (expected != actual) result.diff = unified_diff(expected, actual, e.where, scratch.path());
    result.printed = transcript(ran);
    replace_all(result.printed, fs::weakly_canonical(project).string(), "/home/you");
    replace_all(result.printed, project.string(), "/home/you");
    for (size_t i = 0; i < statuses.size(); ++i)
        if (statuses[i] != 0 && (i + 1 >= steps.size() || steps[i + 1].command != "echo $?"))
            result.statuses.push_back("`" + steps[i].command + "` exited " + std::to_string(statuses[i]));
    return result;
}

// Runs the examples, on as many threads as there are cores (each in its own
// copy of the project), and reports each one's failures; returns the number
// of commands run.
int check_console_examples(const std::vector<Example>& examples) {
    std::vector<ConsoleResult> results(examples.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i; (i = next++) < examples.size();) results[i] = run_console_example(examples[i]);
    };
    std::vector<std::thread> workers;
    for (unsigned n = std::max(1u, std::thread::hardware_concurrency()); n > 1; --n) workers.emplace_back(work);
    work();
    for (std::thread& t : workers) t.join();
    // SOURCED_UPDATE_DOCS_EXAMPLES=1: write what the commands printed into the
    // docs in place of what they show (then read `git diff docs` before committing).
    if (const char* update = std::getenv("SOURCED_UPDATE_DOCS_EXAMPLES"); update && *update == '1') {
        std::map<fs::path, std::vector<size_t>> by_file;  // examples to update, per file
        for (size_t i = 0; i < examples.size(); ++i)
            if (!results[i].diff.empty() && results[i].problem.empty() && examples[i].last_line > 0)
                by_file[examples[i].path].push_back(i);
        for (auto& [path, which] : by_file) {
            std::vector<std::string> lines;
            std::istringstream in(test::read_file(path));
            for (std::string line; std::getline(in, line);) lines.push_back(line);
            for (auto it = which.rbegin(); it != which.rend(); ++it) {  // from the end, so earlier lines stay put
                const Example& e = examples[*it];
                int first = std::stoi(e.where.substr(e.where.rfind(':') + 1));  // the opening fence, from 1
                if (lines.at(static_cast<size_t>(first - 1)).rfind("```", 0) != 0) continue;  // indented: by hand
                std::vector<std::string> printed;
                std::istringstream out(results[*it].printed);
                for (std::string line; std::getline(out, line);) printed.push_back(line);
                lines.erase(lines.begin() + first, lines.begin() + (e.last_line - 1));
                lines.insert(lines.begin() + first, printed.begin(), printed.end());
                results[*it].diff.clear();
            }
            std::string text;
            for (const std::string& line : lines) text += line + "\n";
            test::write_file(path, text);
            WARN("updated " << which.size() << " examples in " << path.string());
        }
    }
    int commands = 0;
    for (size_t i = 0; i < examples.size(); ++i) {
        const ConsoleResult& r = results[i];
        INFO(examples[i].where);
        CHECK(r.problem == "");
        commands += r.commands;
        if (!r.diff.empty())
            FAIL_CHECK(examples[i].where << ": the output differs from the docs (times, sizes and the project directory "
                                            "normalised):\n" << r.diff);
        for (const std::string& status : r.statuses)
            FAIL_CHECK(examples[i].where << ": " << status
                                         << "; show the status with a `$ echo $?` line after it, or fix the example");
    }
    return commands;
}

// The first line of `text` that looks like sourced's output (a diagnostic, a
// summary, a --stats line); empty if none does.
std::string output_like_line(const std::string& text) {
    static const std::regex looks[] = {
        std::regex(R"(\b(error|warning|note)\[[A-Z]+[0-9]+\])"),
        std::regex(R"(^\S+:[0-9]+:[0-9]+: (error|warning|note)\b)"),
        std::regex(R"(^(built|checked|rebuilt) [0-9]+ pages?\b)"),
        std::regex(R"(^stage +[a-z]+ .*[0-9] ms\b)"),
        std::regex(R"(^(open file://|serving http|build failed: |card failed: |report failed: |wrote \S+: [0-9]+ pages?))"),
    };
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        for (const std::regex& r : looks)
            if (std::regex_search(line, r)) return line;
    return "";
}

}  // namespace

TEST_CASE("the docs have examples marked for testing, in every kind", "[docs]") {
    std::set<std::string> kinds;
    for (const Example& e : all_examples()) kinds.insert(e.language + " " + e.file);
    CHECK(kinds.count("markdown ") == 1);
    CHECK(kinds.count("json registry.json") == 1);
    CHECK(kinds.count("json site.json") == 1);
    CHECK(kinds.count("sh ") == 1);
    CHECK(kinds.count("console ") == 1);
    // A `test` block of any other kind would be skipped by every test here.
    for (const std::string& kind : kinds) {
        INFO(kind);
        CHECK(std::set<std::string>{"markdown ", "json registry.json", "json site.json", "sh ", "console "}.count(kind) == 1);
    }
}

TEST_CASE("every Markdown and JSON example in the docs builds", "[docs]") {
    MemoryFileSystem files = test::project_files();
    DiskFileSystem disk;
    std::string content = std::string(SOURCED_PROJECT_DIR) + "/content";
    for (const std::string& path : disk.list(content, "")) files.add("content" + path.substr(content.size()), *disk.read(path));
    std::map<std::string, std::string> page_of;  // content path -> where in the docs
    int n = 0;
    for (const Example& e : all_examples()) {
        INFO(e.where << "\n" << e.text);
        if (e.language == "markdown") {
            std::string page = "content/docs-example-" + std::to_string(++n) + ".md";
            std::string text = e.text.rfind("---", 0) == 0 ? e.text : "---\ntitle: Example " + std::to_string(n) + "\n---\n" + e.text;
            files.add(page, text);
            page_of[page] = e.where;
        } else if (e.language == "json") {
            Diagnostics out;
            if (e.file == "registry.json") load_registry("registry.json", e.text, out);
            else if (e.file == "site.json") load_site_config("site.json", e.text, out);
            else FAIL("unknown example file '" << e.file << "' (registry.json or site.json)");
            std::string problems;
            for (const auto& d : out.all()) problems += format_diagnostic(d) + "\n";
            CHECK(problems == "");
        }
    }
    REQUIRE(n > 0);
    BuildOptions options;
    options.templates_dir = "templates";
    options.assets_dir = "assets";
    options.write = false;
    options.card_images = false;
    BuildResult result = build_site(options, files);
    std::string errors;
    for (const Diagnostic& d : result.diagnostics.all())
        if (d.severity == Severity::error)
            errors += (page_of.count(d.path) ? page_of[d.path] + " (as " + d.path + ")" : d.path) + ": " + format_diagnostic(d) + "\n";
    CHECK(errors == "");
    CHECK(result.ok);
}

TEST_CASE("every sourced command line in a docs example runs and succeeds", "[docs][e2e]") {
    int commands = 0;
    for (const Example& e : all_examples()) {
        if (e.language != "sh") continue;
        test::TempDir tmp;
        copy_project(tmp.path());
        std::istringstream lines(e.text);
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind("sourced ", 0) != 0) continue;
            auto comment = line.find("  #");
            if (comment != std::string::npos) line.erase(comment);
            ++commands;
            fs::path log = tmp.path() / "log";
            INFO(e.where << ": " << line << "\n" << test::read_file(log));
            CHECK(shell("cd '" + tmp.path().string() + "' && " + with_binary(line) + " >'" + log.string() + "' 2>&1") == 0);
        }
    }
    CHECK(commands > 5);
}

TEST_CASE("every console example in the docs prints what the docs show", "[docs][e2e]") {
    // docs/checks.md's examples, one per diagnostic code, are the next test, so
    // that ctest runs the two side by side.
    std::vector<Example> examples;
    for (Example& e : all_examples())
        if (e.language == "console" && e.where.rfind("docs/checks.md:", 0) != 0) examples.push_back(std::move(e));
    int commands = check_console_examples(examples);
    CHECK(examples.size() >= 8);
    CHECK(commands > static_cast<int>(examples.size()));
}

TEST_CASE("every console example in docs/checks.md prints what it shows", "[docs][e2e]") {
    std::vector<Example> examples;
    for (Example& e : all_examples())
        if (e.language == "console" && e.where.rfind("docs/checks.md:", 0) == 0) examples.push_back(std::move(e));
    int commands = check_console_examples(examples);
    CHECK(examples.size() >= 70);
    CHECK(commands > static_cast<int>(examples.size()));
}

TEST_CASE("every block in the docs that shows sourced's output is a compared console example", "[docs]") {
    int recognised = 0;
    for (const Example& e : all_blocks()) {
        std::string line = output_like_line(e.text);
        if (e.marked && e.language == "console") {
            recognised += !line.empty();
            continue;
        }
        if (!line.empty())
            FAIL_CHECK(e.where << ": this block looks like sourced's output (\"" << line
                               << "\") but no test compares it: make it a ```console test block (`$ sourced ...` lines, "
                                  "each followed by what it prints; docs/contributing.md)");
    }
    // The patterns do find the output the console examples show.
    CHECK(recognised >= 6);
}

TEST_CASE("the example CI workflows build the shipped content with the flags they use", "[docs][e2e]") {
    const std::string base = "https://pages.example/explainer";
    fs::path examples = fs::path(SOURCED_PROJECT_DIR) / "docs/examples";
    std::string deps = test::read_file(fs::path(SOURCED_PROJECT_DIR) / ".ci/install-deps");
    int runs = 0;
    for (const char* name : {"github-pages.yml", "github-pages-deb.yml", "gitlab-pages.yml", "static-host.sh"}) {
        std::string text = test::read_file(examples / name);
        INFO(name);
        REQUIRE_FALSE(text.empty());
        // The packages a from-source workflow installs are the ones .ci/install-deps builds with.
        if (text.find("cmake --build") != std::string::npos)
            for (const char* package : {"libcmark-gfm-dev", "libcmark-gfm-extensions-dev", "nlohmann-json3-dev",
                                        "libyaml-cpp-dev", "libkainjow-mustache-dev", "libcli11-dev", "libcpp-httplib-dev",
                                        "librsvg2-dev", "liburiparser-dev", "fonts-dejavu-core"}) {
                CHECK(deps.find(package) != std::string::npos);
                CHECK(text.find(package) != std::string::npos);
            }
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            static const std::regex command(R"((?:^|\s|- |run: )((?:\./build/)?sourced (?:build|check) .*)$)");
            std::smatch m;
            if (!std::regex_search(line, m, command)) continue;
            std::string run = m[1];
            // The host's base URL variables become a test URL; public/ a temporary directory.
            run = std::regex_replace(run, std::regex(R"(\$\{\{ steps\.pages\.outputs\.base_url \}\}|\$CI_PAGES_URL)"), base);
            test::TempDir tmp;
            run = std::regex_replace(run, std::regex(R"(--out public)"), "--out '" + (tmp.path() / "public").string() + "'");
            run += " --no-card-images";  // the PNGs are most of a build's time and need no test here
            ++runs;
            fs::path log = tmp.path() / "log";
            INFO(line << "\n" << run << "\n" << test::read_file(log));
            REQUIRE(shell("cd '" + std::string(SOURCED_PROJECT_DIR) + "' && " + with_binary(run) + " >'" + log.string() +
                          "' 2>&1") == 0);
            std::smatch url;
            REQUIRE(std::regex_search(run, url, std::regex(R"(--base-url "?([^" ]+))")));
            std::string published = url[1];
            if (published.back() != '/') published += "/";
            std::string index = test::read_file(tmp.path() / "public/index.html");
            CHECK(index.find("<link rel=\"canonical\" href=\"" + published + "index.html\">") != std::string::npos);
        }
    }
    CHECK(runs == 4);
}

TEST_CASE("every flag of every command is in docs/commands.md and the man page", "[docs][e2e]") {
    std::string commands_md = test::read_file(fs::path(SOURCED_PROJECT_DIR) / "docs/commands.md");
    std::string man = test::read_file(fs::path(SOURCED_PROJECT_DIR) / "docs/sourced.1");
    man = std::regex_replace(man, std::regex(R"(\\-)"), "-");  // roff escapes each dash
    test::TempDir tmp;
    int flags = 0;
    for (const char* command : {"build", "check", "report", "serve", "new", "card"}) {
        fs::path help = tmp.path() / "help";
        REQUIRE(shell(std::string(SOURCED_BINARY) + " " + command + " --help >'" + help.string() + "' 2>&1") == 0);
        std::string text = test::read_file(help);
        CHECK(commands_md.find(std::string("## `sourced ") + command) != std::string::npos);
        static const std::regex flag(R"((--[a-z][a-z-]*))");
        for (auto it = std::sregex_iterator(text.begin(), text.end(), flag); it != std::sregex_iterator(); ++it) {
            std::string name = it->str();
            if (name == "--help") continue;
            ++flags;
            INFO(command << " " << name);
            CHECK(commands_md.find("`" + name) != std::string::npos);
            CHECK(man.find(name) != std::string::npos);
        }
    }
    CHECK(flags > 30);
}

TEST_CASE("docs/site.md names exactly the keys the shipped templates insert unescaped", "[docs]") {
    std::set<std::string> used;
    static const std::regex raw(R"(\{\{\{\s*([A-Za-z_.]+)\s*\}\}\}|\{\{&\s*([A-Za-z_.]+)\s*\}\})");
    for (const auto& entry : fs::directory_iterator(fs::path(SOURCED_PROJECT_DIR) / "templates")) {
        std::string text = test::read_file(entry.path());
        for (auto it = std::sregex_iterator(text.begin(), text.end(), raw); it != std::sregex_iterator(); ++it)
            used.insert((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
    }
    // The keys in backticks in site.md's sentence about `{{{x}}}`, up to the test's name.
    std::string site = test::read_file(fs::path(SOURCED_PROJECT_DIR) / "docs/site.md");
    const std::string from = "escaped itself.", to = "(`tests/site/docs_examples_test.cpp`";
    size_t begin = site.find(from), end = site.find(to, begin);
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    std::string sentence = site.substr(begin, end - begin);
    std::set<std::string> named;
    static const std::regex quoted("`([^`]+)`");
    for (auto it = std::sregex_iterator(sentence.begin(), sentence.end(), quoted); it != std::sregex_iterator(); ++it)
        named.insert((*it)[1]);
    CHECK(used.size() > 5);
    CHECK(named == used);
}

TEST_CASE("every diagnostic code the generator reports is documented", "[docs]") {
    std::string docs;
    for (const auto& entry : fs::directory_iterator(fs::path(SOURCED_PROJECT_DIR) / "docs"))
        if (entry.path().extension() == ".md") docs += test::read_file(entry.path());
    static const std::regex code(R"re("([A-Z]{2,5}[0-9]{3})")re");
    std::set<std::string> codes;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SOURCED_PROJECT_DIR) / "generator")) {
        if (!entry.is_regular_file()) continue;
        std::string source = test::read_file(entry.path());
        for (auto it = std::sregex_iterator(source.begin(), source.end(), code); it != std::sregex_iterator(); ++it)
            codes.insert((*it)[1]);
    }
    CHECK(codes.size() > 40);
    for (const std::string& c : codes) {
        INFO(c);
        CHECK(docs.find(c) != std::string::npos);
    }
}

// The codes docs/checks.md may show without running them, each with the reason;
// a code here still has its `### CODE` heading, where that reason is given.
const std::map<std::string, std::string> kExamplesNotRun = {
    {"LIM005", "a page must take over 10 s to parse: too slow for the suite"},
    {"OUT002", "no input can make it: every output path comes from a slug or id checked before; the writer's own guard"},
    {"OUT003", "needs a directory the build cannot create, which a test running as root cannot make"},
    {"OUT004", "needs a file that cannot be written (a full disk), which a test running as root cannot make"},
    {"OUT005", "needs a site that cannot be moved into place (another mount), which a test cannot make"},
    {"OUT008", "only an output directory path close to 4,095 bytes makes it, and the message repeats that path"},
};

TEST_CASE("every diagnostic code has an example of its output in docs/checks.md", "[docs]") {
    // The codes: every "CODE" string in generator/, and every code in the first
    // column of a table in docs/checks.md.
    static const std::regex quoted(R"re("([A-Z]{2,5}[0-9]{3})")re"), code(R"([A-Z]{2,5}[0-9]{3})");
    std::set<std::string> codes;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SOURCED_PROJECT_DIR) / "generator")) {
        if (!entry.is_regular_file()) continue;
        std::string source = test::read_file(entry.path());
        for (auto it = std::sregex_iterator(source.begin(), source.end(), quoted); it != std::sregex_iterator(); ++it)
            codes.insert((*it)[1]);
    }
    const fs::path checks = fs::path(SOURCED_PROJECT_DIR) / "docs/checks.md";
    std::istringstream lines(test::read_file(checks));
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("| ", 0) != 0) continue;
        std::string cell = line.substr(2, line.find(" |", 1) - 2);
        for (auto it = std::sregex_iterator(cell.begin(), cell.end(), code); it != std::sregex_iterator(); ++it)
            codes.insert(it->str());
    }
    REQUIRE(codes.size() > 70);

    // The examples: under a `## Examples...` heading, a `### CODE` heading, then
    // a console test block whose output (not its commands) shows `[CODE]`.
    std::map<std::string, std::string> heading;  // code -> where its ### heading is
    std::set<std::string> shown;
    MarkdownDocument doc(test::read_file(checks), 1);
    std::string section, example;  // the current ## and ### headings
    cmark_iter* iter = cmark_iter_new(doc.root());
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (ev != CMARK_EVENT_ENTER) continue;
        std::string where = "docs/checks.md:" + std::to_string(cmark_node_get_start_line(node));
        if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
            std::string text;
            for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child))
                if (const char* literal = cmark_node_get_literal(child)) text += literal;
            int level = cmark_node_get_heading_level(node);
            if (level <= 2) section = level == 2 ? text : "";
            if (level <= 3) example = level == 3 && section.rfind("Examples", 0) == 0 ? text : "";
            if (!example.empty()) {
                INFO(where << ": ### " << example);
                CHECK(codes.count(example) == 1);  // a code sourced reports, and the heading is the code alone
                CHECK(heading.count(example) == 0);  // one example a code
                heading[example] = where;
            }
        } else if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK && !example.empty()) {
            const char* info = cmark_node_get_fence_info(node);
            std::vector<std::string> w = words(info ? info : "");
            if (w.size() < 2 || w[0] != "console" || w[1] != "test") continue;
            std::string problem, output;
            for (const Step& s : console_steps(cmark_node_get_literal(node), problem)) output += s.expected;
            if (output.find("[" + example + "]") != std::string::npos) shown.insert(example);
        }
    }
    cmark_iter_free(iter);

    for (const std::string& c : codes) {
        INFO(c << ": add `### " << c << "` under a `## Examples...` section of docs/checks.md, with a ```console test "
                  "block that makes it and shows its output (see docs/contributing.md)");
        CHECK(heading.count(c) == 1);
        if (kExamplesNotRun.count(c)) {
            INFO(c << " is shown now: take it out of kExamplesNotRun");
            CHECK(shown.count(c) == 0);
        } else {
            CHECK(shown.count(c) == 1);
        }
    }
}
