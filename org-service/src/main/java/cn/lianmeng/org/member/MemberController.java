package cn.lianmeng.org.member;

import java.util.List;

import cn.lianmeng.org.importer.ImportReport;
import cn.lianmeng.org.spreadsheet.Downloads;
import cn.lianmeng.org.spreadsheet.SpreadsheetUpload;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/org/members")
@Tag(name = "党员", description = "党员档案、登录账户、离开组织；身份证号加密存储、脱敏显示，查看完整个人信息须显式请求并记入审计")
public class MemberController {

    private final MemberService members;
    private final MemberImporter importer;

    public MemberController(MemberService members, MemberImporter importer) {
        this.members = members;
        this.importer = importer;
    }

    /** The multipart form, for the API documentation. */
    @Schema(name = "MemberImportForm")
    record UploadForm(@Schema(type = "string", format = "binary", description = "按党员导入模板填写的 .xlsx 文件，不超过 10 MiB") String file) {
    }

    @PostMapping("/import")
    @Operation(summary = "批量导入本单位党员（ENTERPRISE_ADMIN）：multipart 字段 file 上传 .xlsx；逐行校验，合格的行导入、有问题的行不导入，"
            + "返回 {imported, rejected, errors:[{row, field, message}]}。已在本联盟登记的身份证号不重复导入。导入的党员暂不开通登录账户（按需开通）",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = UploadForm.class))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "导入报告（含每行的问题）"),
                    @ApiResponse(responseCode = "400", description = "没有 file 字段、缺少必填列、文件损坏或没有数据行"),
                    @ApiResponse(responseCode = "401", description = "未登录"),
                    @ApiResponse(responseCode = "403", description = "非企业党组织管理员"),
                    @ApiResponse(responseCode = "413", description = "文件超过 10 MiB 或 20000 行；未导入任何数据"),
                    @ApiResponse(responseCode = "415", description = "文件不是 .xlsx（按内容判断）；未导入任何数据")})
    public Mono<ImportReport> importMembers(ServerWebExchange exchange) {
        return Callers.current().flatMap(MemberImporter::requireEnterpriseAdmin)
                .flatMap(c -> SpreadsheetUpload.from(exchange, importer.limits()).flatMap(upload -> importer.importMembers(c, upload)));
    }

    @GetMapping("/import/template")
    @Operation(summary = "下载党员导入模板（ENTERPRISE_ADMIN）：表头、下拉选项、填写说明和本单位党组织名称", responses = {
            @ApiResponse(responseCode = "200", description = "党员导入模板.xlsx", content = @Content(mediaType = Downloads.XLSX_TYPE)),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非企业党组织管理员")})
    public Mono<ResponseEntity<byte[]>> importTemplate() {
        return Callers.current().flatMap(importer::template)
                .map(bytes -> Downloads.xlsx(bytes, "党员导入模板.xlsx", "member-import-template.xlsx"));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "登记党员（本单位企业党组织管理员，或管理该党组织所在子树的支部管理员；联盟/园区直属党组织由联盟管理员登记）；"
            + "同时开通党员登录账户（用户名为指定的 username 或手机号），初始密码只返回这一次，首次登录须修改", responses = {
            @ApiResponse(responseCode = "201", description = "已登记（个人信息脱敏显示）"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（身份证号校验位、长度、出生日期；日期；状态；标记；工作单位）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权或不管理该党组织"),
            @ApiResponse(responseCode = "404", description = "党组织不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "身份证号已在本联盟登记、登录名已被占用或党组织已撤销")})
    public Mono<MemberService.Created> create(@Valid @RequestBody MemberRequests.Create body) {
        return Callers.current().flatMap(c -> members.create(c, body));
    }

    @GetMapping
    @Operation(summary = "分页查询党员（联盟管理员：本联盟，脱敏；企业管理员：本单位，脱敏；支部管理员：所管子树，脱敏；挂联干部：所辖园区楼宇内单位的党员，仅姓名）",
            responses = {
                    @ApiResponse(responseCode = "200", description = "分页结果"),
                    @ApiResponse(responseCode = "400", description = "参数无效"),
                    @ApiResponse(responseCode = "401", description = "未登录"),
                    @ApiResponse(responseCode = "403", description = "角色无权（党员本人请用 /me）")})
    public Mono<PageResult<MemberView>> list(
            @Parameter(description = "党组织 id：默认含其下级组织（子树）") @RequestParam(required = false) String orgId,
            @Parameter(description = "false 时只查该党组织本身的党员") @RequestParam(required = false) Boolean subtree,
            @Parameter(description = "FULL 或 PROBATIONARY") @RequestParam(required = false) String status,
            @Parameter(description = "MOBILE、LOST_CONTACT，可重复") @RequestParam(required = false) List<String> flag,
            @Parameter(description = "true：外出流动已满规定期限、应转接组织关系的流动党员") @RequestParam(required = false) Boolean transferDue,
            @Parameter(description = "默认 true；false 查已离开组织的党员") @RequestParam(required = false) Boolean active,
            @Parameter(description = "姓名前缀") @RequestParam(required = false) String q,
            @RequestParam(required = false) String tenantId,
            @RequestParam(required = false) String enterpriseId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @Parameter(description = "name、joinDate、createdAt，可加 ,desc") @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, MemberService.SORTABLE, "name");
        return Callers.current().flatMap(c -> members.list(c,
                new MemberService.ListFilter(orgId, subtree, status, flag, transferDue, active, q, tenantId, enterpriseId), query));
    }

    @GetMapping("/search")
    @Operation(summary = "按姓名前缀检索本单位（支部管理员：所管子树）党员；联盟管理员可用 tenantId 限定单位", responses = {
            @ApiResponse(responseCode = "200", description = "按姓名排序的分页结果"),
            @ApiResponse(responseCode = "400", description = "缺少 q 或参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<PageResult<MemberView>> search(@RequestParam String q,
                                               @RequestParam(required = false) String tenantId,
                                               @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size) {
        if (q.isBlank() || q.strip().length() > 50) {
            return Mono.error(ApiException.badRequest("q", "须为 1–50 字的姓名前缀"));
        }
        PageQuery query = PageQuery.of(page, size, null, MemberService.SORTABLE, "name");
        return Callers.current().flatMap(c -> members.list(c,
                new MemberService.ListFilter(null, null, null, null, null, true, q, tenantId, null), query));
    }

    @GetMapping("/me")
    @Operation(summary = "党员本人的档案（脱敏）；reveal=true 时显示完整身份证号、手机号和出生日期（记入审计）", responses = {
            @ApiResponse(responseCode = "200", description = "本人档案"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "当前账户未关联党员档案")})
    public Mono<MemberView> me(@RequestParam(defaultValue = "false") boolean reveal) {
        return Callers.current().flatMap(c -> members.me(c, reveal));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看党员；reveal=true 时显示完整身份证号、手机号和出生日期——仅限本人、本单位企业管理员和所在子树的支部管理员，每次查看记入审计",
            responses = {
                    @ApiResponse(responseCode = "200", description = "党员档案（脱敏、完整或仅姓名，见 personalData）"),
                    @ApiResponse(responseCode = "401", description = "未登录"),
                    @ApiResponse(responseCode = "403", description = "无权查看完整个人信息"),
                    @ApiResponse(responseCode = "404", description = "不存在或不在调用者范围内（包括其他单位）")})
    public Mono<MemberView> get(@PathVariable String id, @RequestParam(defaultValue = "false") boolean reveal) {
        return Callers.current().flatMap(c -> members.get(c, id, reveal));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改党员档案（须带当前 version）；idNumber 不填则保持不变；所在党组织只能通过组织关系转接变更", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "不管理该党员"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突、身份证号重复或党员已离开组织")})
    public Mono<MemberView> update(@PathVariable String id, @Valid @RequestBody MemberRequests.Update body) {
        return Callers.current().flatMap(c -> members.update(c, id, body));
    }

    @PostMapping("/{id}/leave")
    @Operation(summary = "党员离开组织（须填原因）：档案保留并标记为已离开，登录账户停用", responses = {
            @ApiResponse(responseCode = "200", description = "已离开"),
            @ApiResponse(responseCode = "400", description = "缺少原因或日期无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "不管理该党员"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "已离开，或有未办结的组织关系转接")})
    public Mono<MemberView> leave(@PathVariable String id, @Valid @RequestBody MemberRequests.Leave body) {
        return Callers.current().flatMap(c -> members.leave(c, id, body));
    }

    @PostMapping("/{id}/account")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "为尚无登录账户的党员（如批量导入的党员）开通账户；用户名为指定的 username 或手机号，初始密码只返回这一次", responses = {
            @ApiResponse(responseCode = "201", description = "已开通"),
            @ApiResponse(responseCode = "400", description = "未登记手机号且未指定用户名"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "不管理该党员"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "已有账户、已离开或用户名已被占用")})
    public Mono<MemberService.AccountIssued> issueAccount(@PathVariable String id,
                                                          @Valid @RequestBody(required = false) MemberRequests.IssueAccount body) {
        return Callers.current().flatMap(c -> members.issueAccount(c, id, body));
    }
}
