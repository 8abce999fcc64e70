package cn.lianmeng.content.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The allow-list policy against a table of hostile samples, and what it keeps. */
class HtmlSanitizerTest {

    private final HtmlSanitizer sanitizer = new HtmlSanitizer(List.of("player.bilibili.com", "v.qq.com"));
    private final HtmlSanitizer noIframes = new HtmlSanitizer(List.of());

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("script element", "<p>ok</p><script>alert(1)</script>", List.of("<script", "alert")),
                Arguments.of("script, upper case", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", List.of("script", "evil")),
                Arguments.of("img onerror", "<img src=x onerror=alert(1)>", List.of("onerror", "alert")),
                Arguments.of("svg onload", "<svg onload=alert(1)><circle/></svg>", List.of("svg", "onload")),
                Arguments.of("body onload", "<body onload=alert(1)>x</body>", List.of("onload")),
                Arguments.of("event handler on allowed tag", "<p onclick=\"steal()\" onmouseover='x()'>hi</p>", List.of("onclick", "onmouseover", "steal")),
                Arguments.of("javascript: link", "<a href=\"javascript:alert(1)\">x</a>", List.of("javascript")),
                Arguments.of("javascript: mixed case", "<a href=\"JaVaScRiPt:alert(1)\">x</a>", List.of("javascript")),
                Arguments.of("javascript: entity-encoded", "<a href=\"&#106;avascript:alert(1)\">x</a>", List.of("avascript", "alert")),
                Arguments.of("javascript: tab-split", "<a href=\"jav\tascript:alert(1)\">x</a>", List.of("ascript", "alert")),
                Arguments.of("vbscript: link", "<a href=\"vbscript:msgbox(1)\">x</a>", List.of("vbscript")),
                Arguments.of("data: html link", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", List.of("data:")),
                Arguments.of("data: image", "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", List.of("data:")),
                Arguments.of("javascript: image", "<img src=\"javascript:alert(1)\">", List.of("javascript")),
                Arguments.of("foreign iframe", "<iframe src=\"https://evil.example/embed\"></iframe>", List.of("iframe", "evil")),
                Arguments.of("look-alike host", "<iframe src=\"https://player.bilibili.com.evil.example/x\"></iframe>", List.of("iframe", "evil")),
                Arguments.of("userinfo trick", "<iframe src=\"https://player.bilibili.com@evil.example/x\"></iframe>", List.of("iframe", "evil")),
                Arguments.of("http (not https) video host", "<iframe src=\"http://player.bilibili.com/player.html\"></iframe>", List.of("iframe")),
                Arguments.of("iframe javascript:", "<iframe src=\"javascript:alert(1)\"></iframe>", List.of("iframe", "javascript")),
                Arguments.of("iframe srcdoc", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>", List.of("iframe", "srcdoc", "script")),
                Arguments.of("style element", "<style>body{background:url(javascript:alert(1))}</style><p>x</p>", List.of("<style", "javascript")),
                Arguments.of("style attribute url()", "<p style=\"background-image:url(javascript:alert(1))\">x</p>", List.of("javascript", "url(")),
                Arguments.of("css expression", "<p style=\"width:expression(alert(1))\">x</p>", List.of("expression", "alert")),
                Arguments.of("object", "<object data=\"evil.swf\"></object>", List.of("object", "evil")),
                Arguments.of("embed", "<embed src=\"evil.swf\">", List.of("embed", "evil")),
                Arguments.of("form", "<form action=\"https://evil.example\"><input name=p></form>", List.of("form", "input", "evil")),
                Arguments.of("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", List.of("meta", "refresh")),
                Arguments.of("base href", "<base href=\"https://evil.example/\">", List.of("base", "evil")),
                Arguments.of("link stylesheet", "<link rel=stylesheet href=\"https://evil.example/x.css\">", List.of("link", "evil")),
                Arguments.of("mutation XSS", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", List.of("onerror", "alert", "<style")),
                Arguments.of("comment breakout", "<!--<img src=\"--><img src=x onerror=alert(1)//\">", List.of("onerror", "alert")),
                Arguments.of("unclosed attribute", "<a href=\"https://ok.example/\" onclick=\"x()>y</a>", List.of("onclick")),
                Arguments.of("target attribute", "<a href=\"https://ok.example/\" target=\"_self\" formaction=\"javascript:x\">y</a>", List.of("formaction", "javascript")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void removesHostileMarkup(String name, String input, List<String> forbidden) {
        String out = sanitizer.sanitize(input).toLowerCase(Locale.ROOT);
        for (String f : forbidden) {
            assertThat(out).as("%s → %s", input, out).doesNotContain(f.toLowerCase(Locale.ROOT));
        }
        assertThat(out).doesNotContain("<script").doesNotContain("javascript:").doesNotContain(" on");
    }

    @Test
    void keepsFormattingLinksAndImages() {
        String html = "<h2>标题</h2><p style=\"text-align:center\"><strong>加粗</strong><em>强调</em></p>"
                + "<ul><li>一</li></ul><a href=\"https://www.12371.cn/\">共产党员网</a>"
                + "<img src=\"/api/content/files/0123456789abcdef01234567\" alt=\"图\">"
                + "<table><tr><td colspan=\"2\">表</td></tr></table>";
        String out = sanitizer.sanitize(html);
        assertThat(out).contains("<h2>标题</h2>").contains("<strong>加粗</strong>").contains("<em>强调</em>")
                .contains("text-align:center").contains("<li>一</li>")
                .contains("href=\"https://www.12371.cn/\"").contains("rel=\"noopener noreferrer nofollow\"")
                .contains("src=\"/api/content/files/0123456789abcdef01234567\"").contains("colspan=\"2\"");
    }

    @Test
    void keepsIframesOfConfiguredVideoHostsOnlyAndSandboxesThem() {
        String ok = sanitizer.sanitize("<iframe src=\"https://player.bilibili.com/player.html?bvid=BV1xx\" width=\"640\" height=\"360\" onload=\"x()\"></iframe>");
        assertThat(ok).contains("<iframe").contains("src=\"https://player.bilibili.com/player.html?bvid&#61;BV1xx\"")
                .contains("sandbox=\"allow-scripts allow-same-origin allow-presentation\"").doesNotContain("onload");
        assertThat(noIframes.sanitize("<iframe src=\"https://player.bilibili.com/player.html\"></iframe>")).doesNotContain("iframe");
    }

    @Test
    void plainTextIsEscaped() {
        assertThat(sanitizer.sanitize("1 < 2 & \"引号\"")).isEqualTo("1 &lt; 2 &amp; &#34;引号&#34;");
    }
}
