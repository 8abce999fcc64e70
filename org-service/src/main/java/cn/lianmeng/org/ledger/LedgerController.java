package cn.lianmeng.org.ledger;

import java.util.List;

import cn.lianmeng.org.spreadsheet.Downloads;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/org/ledger")
@Tag(name = "覆盖台账", description = "每家成员单位的台账（覆盖情况、党组织、党建指导员、走访指导、任务）与清单化任务管理；导出 .xlsx")
public class LedgerController {

    private final LedgerService ledger;
    private final LedgerExport export;

    public LedgerController(LedgerService ledger, LedgerExport export) {
        this.ledger = ledger;
        this.export = export;
    }

    @GetMapping("/enterprises/{id}")
    @Operation(summary = "成员单位台账：覆盖情况及原因、党组织、党建指导员、最近走访、未完成任务（联盟管理员；挂联干部：所辖企业；企业管理员：本企业，只读）",
            responses = {
                    @ApiResponse(responseCode = "200", description = "台账"),
                    @ApiResponse(responseCode = "401", description = "未登录"),
                    @ApiResponse(responseCode = "403", description = "角色无权"),
                    @ApiResponse(responseCode = "404", description = "不存在或不在调用者范围内")})
    public Mono<LedgerViews.Ledger> ledger(@PathVariable String id) {
        return Callers.current().flatMap(c -> ledger.ledger(c, id));
    }

    @PostMapping("/enterprises/{id}/visits")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "登记一次走访或指导（联盟管理员；挂联干部：所辖企业）；走访人取自令牌", responses = {
            @ApiResponse(responseCode = "201", description = "已登记"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（日期格式、日期晚于今天、类型）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "成员单位不存在或不在调用者范围内")})
    public Mono<LedgerViews.Visit> addVisit(@PathVariable String id, @Valid @RequestBody LedgerRequests.NewVisit body) {
        return Callers.current().flatMap(c -> ledger.addVisit(c, id, body));
    }

    @GetMapping("/enterprises/{id}/visits")
    @Operation(summary = "成员单位的走访指导记录（分页，默认按日期倒序）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页或排序参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在调用者范围内")})
    public Mono<PageResult<LedgerViews.Visit>> visits(@PathVariable String id, @RequestParam(required = false) Integer page,
                                                      @RequestParam(required = false) Integer size,
                                                      @RequestParam(required = false) String sort) {
        return Callers.current().flatMap(c -> ledger.visits(c, id, page, size, sort));
    }

    @PostMapping("/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "创建任务（联盟管理员：可不指定企业；挂联干部：须指定所辖企业）；负责人缺省为本人", responses = {
            @ApiResponse(responseCode = "201", description = "已创建"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（截止日期、负责人、企业）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "企业不存在或不在调用者范围内")})
    public Mono<LedgerViews.Task> createTask(@Valid @RequestBody LedgerRequests.NewTask body) {
        return Callers.current().flatMap(c -> ledger.createTask(c, body));
    }

    @GetMapping("/tasks")
    @Operation(summary = "任务清单（分页）：owner=me 为本人负责的任务，overdue=true 为已逾期未完成的任务", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页或排序参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<PageResult<LedgerViews.Task>> tasks(
            @Parameter(description = "me 或负责人账户编号") @RequestParam(required = false) String owner,
            @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) Boolean done,
            @RequestParam(required = false) String enterpriseId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @Parameter(description = "deadline（缺省）、createdAt、updatedAt、title，可加 ,desc") @RequestParam(required = false) String sort) {
        return Callers.current().flatMap(c -> ledger.tasks(c, owner, overdue, done, enterpriseId, page, size, sort));
    }

    @GetMapping("/tasks/overdue-summary")
    @Operation(summary = "各负责人（挂联干部等）的未完成与逾期任务数（联盟管理员）", responses = {
            @ApiResponse(responseCode = "200", description = "按逾期数从多到少"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员")})
    public Mono<List<LedgerViews.OwnerSummary>> overdueSummary() {
        return Callers.current().flatMap(ledger::overdueSummary);
    }

    @GetMapping("/tasks/{id}")
    @Operation(summary = "查看任务", responses = {
            @ApiResponse(responseCode = "200", description = "任务"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在调用者范围内")})
    public Mono<LedgerViews.Task> task(@PathVariable String id) {
        return Callers.current().flatMap(c -> ledger.getTask(c, id));
    }

    @PutMapping("/tasks/{id}")
    @Operation(summary = "修改任务（标题、说明、负责人、企业、截止日期）；须带当前 version", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在调用者范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突，或任务已完成")})
    public Mono<LedgerViews.Task> updateTask(@PathVariable String id, @Valid @RequestBody LedgerRequests.UpdateTask body) {
        return Callers.current().flatMap(c -> ledger.updateTask(c, id, body));
    }

    @PostMapping("/tasks/{id}/progress")
    @Operation(summary = "追加一条进展记录（只增不改，记录人和时间取自令牌与服务器）", responses = {
            @ApiResponse(responseCode = "200", description = "任务（含全部进展）"),
            @ApiResponse(responseCode = "400", description = "进展内容为空或过长"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在调用者范围内")})
    public Mono<LedgerViews.Task> addProgress(@PathVariable String id, @Valid @RequestBody LedgerRequests.Progress body) {
        return Callers.current().flatMap(c -> ledger.addProgress(c, id, body));
    }

    @PostMapping("/tasks/{id}/complete")
    @Operation(summary = "完成任务（记录完成时间与完成人）", responses = {
            @ApiResponse(responseCode = "200", description = "已完成"),
            @ApiResponse(responseCode = "400", description = "说明过长"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在调用者范围内"),
            @ApiResponse(responseCode = "409", description = "已完成，或版本冲突")})
    public Mono<LedgerViews.Task> complete(@PathVariable String id, @Valid @RequestBody(required = false) LedgerRequests.Complete body) {
        return Callers.current().flatMap(c -> ledger.complete(c, id, body));
    }

    @GetMapping("/export")
    @Operation(summary = "导出台账（.xlsx）：企业、位置、覆盖情况、党组织、党建指导员、最近走访、未完成/逾期任务", responses = {
            @ApiResponse(responseCode = "200", description = "工作簿，文件名按 RFC 5987 编码"),
            @ApiResponse(responseCode = "400", description = "scopeType 或 scopeId 无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权（联盟管理员、挂联干部）"),
            @ApiResponse(responseCode = "404", description = "范围不存在或不在调用者范围内")})
    public Mono<ResponseEntity<byte[]>> export(@RequestParam(required = false) String scopeType,
                                               @RequestParam(required = false) String scopeId) {
        return Callers.current().flatMap(c -> export.export(c, scopeType, scopeId))
                .map(w -> Downloads.xlsx(w.bytes(), w.fileName(), w.fallbackName()));
    }
}
