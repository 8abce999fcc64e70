package cn.lianmeng.content.school;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import cn.lianmeng.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/content/school")
@Tag(name = "手机党校", description = "课程与课时、学习进度（视频续播、看满 90% 或读完即完成）、测验（服务端评分）、年度学时与组织报表")
public class SchoolController {

    private final School school;

    public SchoolController(School school) {
        this.school = school;
    }

    @GetMapping("/courses")
    @Operation(summary = "我可学习的课程（受众范围内已发布），含必修标记与本人进度", responses = {
            @ApiResponse(responseCode = "200", description = "课程与进度"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "审计员不能阅读内容")})
    public Mono<List<School.CourseProgress>> courses() {
        return Callers.current().flatMap(school::courses);
    }

    @GetMapping("/courses/{id}")
    @Operation(summary = "课程详情（测验不含答案）与本人进度", responses = {
            @ApiResponse(responseCode = "200", description = "课程"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或不在受众范围内")})
    public Mono<School.CourseDetail> course(@PathVariable String id) {
        return Callers.current().flatMap(c -> school.detail(c, id));
    }

    @PutMapping("/courses/{id}/lessons/{lessonId}/progress")
    @Operation(summary = "上报学习进度：视频给出播放位置，图文/附件给出阅读比例；超过 100% 或时间倒退为 400 且不保存", responses = {
            @ApiResponse(responseCode = "200", description = "当前课时进度"),
            @ApiResponse(responseCode = "400", description = "进度无效（超过 100%、时间倒退、缺少字段）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "账户未关联党员"),
            @ApiResponse(responseCode = "404", description = "课程或课时不存在，或不在受众范围内"),
            @ApiResponse(responseCode = "409", description = "并发更新，请重试")})
    public Mono<School.LessonState> progress(@PathVariable String id, @PathVariable String lessonId,
                                             @RequestBody School.ProgressReport body) {
        return Callers.current().flatMap(c -> school.report(c, id, lessonId, body));
    }

    @PostMapping("/courses/{id}/lessons/{lessonId}/quiz")
    @Operation(summary = "提交测验答案（题号 → 选项编号列表），服务端评分；提交后才返回正确答案", responses = {
            @ApiResponse(responseCode = "200", description = "得分与每题结果"),
            @ApiResponse(responseCode = "400", description = "题号或选项不存在"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "账户未关联党员"),
            @ApiResponse(responseCode = "404", description = "课程、课时或测验不存在")})
    public Mono<QuizScoring.Result> quiz(@PathVariable String id, @PathVariable String lessonId, @RequestBody School.QuizSubmission body) {
        return Callers.current().flatMap(c -> school.quiz(c, id, lessonId, body));
    }

    @GetMapping("/me")
    @Operation(summary = "本人年度学时（对照党员 32 学时、书记和委员 56 学时的目标）、必修课程完成情况；积分仅在联盟启用时显示", responses = {
            @ApiResponse(responseCode = "200", description = "学习情况"),
            @ApiResponse(responseCode = "400", description = "年份无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "账户未关联党员")})
    public Mono<School.StudyYear> me(@RequestParam(required = false) Integer year) {
        return Callers.current().flatMap(c -> school.me(c, year));
    }

    @GetMapping("/report")
    @Operation(summary = "组织（含下级）党员年度学时报表：谁的进度落后（按组织、姓名排列，不排名）", responses = {
            @ApiResponse(responseCode = "200", description = "报表"),
            @ApiResponse(responseCode = "400", description = "缺少组织或年份无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非管理员"),
            @ApiResponse(responseCode = "404", description = "组织不存在或不在管理范围内")})
    public Mono<School.OrgReport> report(@RequestParam(required = false) String orgId, @RequestParam(required = false) Integer year) {
        return Callers.current().flatMap(c -> school.report(c, orgId, year));
    }

    @GetMapping(value = "/report.xlsx")
    @Operation(summary = "导出组织学时报表（.xlsx）", responses = {
            @ApiResponse(responseCode = "200", description = "Excel 文件"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非管理员"),
            @ApiResponse(responseCode = "404", description = "组织不存在或不在管理范围内")})
    public Mono<ResponseEntity<byte[]>> export(@RequestParam(required = false) String orgId, @RequestParam(required = false) Integer year) {
        return Callers.current().flatMap(c -> school.report(c, orgId, year))
                .publishOn(Schedulers.boundedElastic())
                .map(report -> {
                    String name = report.orgName() + "-" + report.year() + "年学时统计.xlsx";
                    return ResponseEntity.ok()
                            .contentType(MediaType.parseMediaType(StudyWorkbook.MEDIA_TYPE))
                            .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
                                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                            .body(StudyWorkbook.write(report));
                });
    }
}
