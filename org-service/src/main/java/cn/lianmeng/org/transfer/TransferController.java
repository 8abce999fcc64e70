package cn.lianmeng.org.transfer;

import java.util.Arrays;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/org/transfers")
@Tag(name = "组织关系转接", description = "党员组织关系在本联盟党组织之间（可跨成员单位）转接：转出方发起，接收方确认或退回，确认后党员随即转入；30 天未确认标记为逾期")
public class TransferController {

    private final TransferService transfers;

    public TransferController(TransferService transfers) {
        this.transfers = transfers;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "发起组织关系转接（党员当前所在党组织的管理员）；接收党组织可属于本联盟的其他成员单位", responses = {
            @ApiResponse(responseCode = "201", description = "已发起，待接收方确认"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（接收党组织与当前相同、工作单位不在接收党组织覆盖范围）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "不管理该党员"),
            @ApiResponse(responseCode = "404", description = "党员或接收党组织不存在（包括其他联盟的党组织）"),
            @ApiResponse(responseCode = "409", description = "该党员已有未办结的转接、已离开组织，或接收党组织已撤销")})
    public Mono<TransferView> request(@Valid @RequestBody TransferRequests.Request body) {
        return Callers.current().flatMap(c -> transfers.request(c, body));
    }

    @GetMapping
    @Operation(summary = "转接列表：direction=outgoing 为本方转出，incoming 为转入本方，不填为两者；可按状态、逾期筛选", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<PageResult<TransferView>> list(
            @Parameter(description = "incoming 或 outgoing") @RequestParam(required = false) String direction,
            @Parameter(description = "REQUESTED、CONFIRMED、COMPLETED、REJECTED、CANCELLED") @RequestParam(required = false) String status,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @Parameter(description = "requestedAt、memberName、status，可加 ,desc") @RequestParam(required = false) String sort) {
        TransferService.Direction dir = direction == null ? null : Arrays.stream(TransferService.Direction.values())
                .filter(d -> d.name().equalsIgnoreCase(direction.strip())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("direction", "须为 incoming 或 outgoing"));
        TransferStatus st = status == null ? null : Arrays.stream(TransferStatus.values())
                .filter(s -> s.name().equalsIgnoreCase(status.strip())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("status", "须为 REQUESTED、CONFIRMED、COMPLETED、REJECTED 或 CANCELLED"));
        PageQuery query = PageQuery.of(page, size, sort, TransferService.SORTABLE, "requestedAt,desc");
        return Callers.current().flatMap(c -> transfers.list(c, new TransferService.ListFilter(dir, st, overdue), query));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看转接（转出方、接收方或联盟管理员）", responses = {
            @ApiResponse(responseCode = "200", description = "转接"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或与调用者无关")})
    public Mono<TransferView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> transfers.get(c, id));
    }

    @PostMapping("/{id}/confirm")
    @Operation(summary = "接收方确认（接收单位的企业党组织管理员、管理接收党组织的支部管理员；联盟直属党组织由联盟管理员确认）；确认后党员即转入", responses = {
            @ApiResponse(responseCode = "200", description = "已确认并完成（status=COMPLETED）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "不是接收方管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或与调用者无关"),
            @ApiResponse(responseCode = "409", description = "已处理或接收党组织已撤销")})
    public Mono<TransferView> confirm(@PathVariable String id) {
        return Callers.current().flatMap(c -> transfers.confirm(c, id));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "接收方退回（须填原因）", responses = {
            @ApiResponse(responseCode = "200", description = "已退回"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "不是接收方管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或与调用者无关"),
            @ApiResponse(responseCode = "409", description = "已处理")})
    public Mono<TransferView> reject(@PathVariable String id, @Valid @RequestBody TransferRequests.Reject body) {
        return Callers.current().flatMap(c -> transfers.reject(c, id, body.reason()));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "转出方在接收方确认前撤回", responses = {
            @ApiResponse(responseCode = "200", description = "已撤回"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "不是转出方管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或与调用者无关"),
            @ApiResponse(responseCode = "409", description = "已确认或已处理")})
    public Mono<TransferView> cancel(@PathVariable String id, @Valid @RequestBody(required = false) TransferRequests.Cancel body) {
        return Callers.current().flatMap(c -> transfers.cancel(c, id, body == null ? null : body.reason()));
    }
}
