package cn.lianmeng.org.organisation;

import java.util.List;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/api/org/organisations")
@Tag(name = "党组织", description = "党组织树（党委、党总支、党支部、联合党支部、党小组）、班子成员、任期换届、规则预警与支部管理员账户")
public class OrganisationController {

    private final OrganisationService organisations;
    private final OrganisationQueries queries;

    public OrganisationController(OrganisationService organisations, OrganisationQueries queries) {
        this.organisations = organisations;
        this.queries = queries;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "建立党组织：企业党组织管理员建立本单位的组织（支部管理员只能在本组织之下建立）；联盟管理员建立联盟或园区所属的挂靠组织、联合党支部", responses = {
            @ApiResponse(responseCode = "201", description = "已建立"),
            @ApiResponse(responseCode = "400", description = "字段校验失败：类别与上级不匹配（parentId/kind）、联合党支部覆盖单位不是 2–5 家或状态不正常（coveredEnterpriseIds）等"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权，或支部管理员在本组织范围之外"),
            @ApiResponse(responseCode = "409", description = "同一上级组织下已有同名组织")})
    public Mono<OrganisationView> create(@Valid @RequestBody OrganisationRequests.Create body) {
        return Callers.current().flatMap(c -> organisations.create(c, body));
    }

    @GetMapping
    @Operation(summary = "分页列出范围内的党组织，可按类别、上级组织、所属单位、覆盖单位、名称前缀筛选（默认只列正常状态）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<PageResult<OrganisationView>> list(@RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) Integer size,
                                                   @RequestParam(required = false) String sort,
                                                   @RequestParam(required = false) String kind,
                                                   @RequestParam(required = false) String parentId,
                                                   @RequestParam(required = false) Boolean root,
                                                   @RequestParam(required = false) String tenantId,
                                                   @RequestParam(required = false) String status,
                                                   @RequestParam(required = false) String coveredEnterpriseId,
                                                   @RequestParam(required = false) String q) {
        PageQuery query = PageQuery.of(page, size, sort, OrganisationQueries.SORTABLE, "name");
        return Callers.current().flatMap(c -> queries.list(c,
                new OrganisationQueries.ListFilter(kind, parentId, root, tenantId, status, coveredEnterpriseId, q), query));
    }

    @GetMapping("/tree")
    @Operation(summary = "一个单位的整棵组织树（一次查询，嵌套返回）；联盟管理员不带 tenantId 时返回联盟、园区所属的组织；支部管理员只看到本组织及下级", responses = {
            @ApiResponse(responseCode = "200", description = "组织树"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "其他单位的组织树")})
    public Mono<OrganisationQueries.Tree> tree(@RequestParam(required = false) String tenantId) {
        return Callers.current().flatMap(c -> queries.tree(c, tenantId));
    }

    @GetMapping("/terms")
    @Operation(summary = "换届提醒：6 个月内任期届满（due=within6months）或已超期（due=overdue）的组织，只含名称与日期；联盟管理员看全部单位，挂联干部看所辖园区楼宇", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "due 无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<PageResult<OrganisationQueries.TermDue>> terms(@RequestParam(required = false) String due,
                                                              @RequestParam(required = false) Integer page,
                                                              @RequestParam(required = false) Integer size) {
        PageQuery query = PageQuery.of(page, size, null, java.util.Set.of("termEnd"), "termEnd");
        return Callers.current().flatMap(c -> queries.terms(c, due, query));
    }

    @GetMapping("/warnings")
    @Operation(summary = "范围内的规则预警（班子配备、支部规模、任期、应建未建），按严重程度排序，可按 code、severity 筛选", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<PageResult<Warning>> warningsInScope(@RequestParam(required = false) String code,
                                                     @RequestParam(required = false) String severity,
                                                     @RequestParam(required = false) Integer page,
                                                     @RequestParam(required = false) Integer size) {
        PageQuery query = PageQuery.of(page, size, null, java.util.Set.of("severity"), "severity");
        return Callers.current().flatMap(c -> queries.warningsInScope(c, code, severity, query));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看党组织", responses = {
            @ApiResponse(responseCode = "200", description = "党组织"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权，或支部管理员在本组织范围之外"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内（包括其他单位的组织）")})
    public Mono<OrganisationView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> queries.get(c, id));
    }

    @GetMapping("/{id}/subtree")
    @Operation(summary = "下级组织（不含本身），按层级、名称排序分页；基于祖先数组的索引查询", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内")})
    public Mono<PageResult<OrganisationView>> subtree(@PathVariable String id,
                                                      @RequestParam(required = false) Integer page,
                                                      @RequestParam(required = false) Integer size,
                                                      @RequestParam(required = false, defaultValue = "false") boolean includeDissolved) {
        PageQuery query = PageQuery.of(page, size, null, java.util.Set.of("depth"), "depth");
        return Callers.current().flatMap(c -> queries.subtree(c, id, query, includeDissolved));
    }

    @GetMapping("/{id}/ancestors")
    @Operation(summary = "上级组织路径（从顶级组织到直接上级）", responses = {
            @ApiResponse(responseCode = "200", description = "上级组织列表"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内")})
    public Mono<List<OrganisationView>> ancestors(@PathVariable String id) {
        return Callers.current().flatMap(c -> queries.ancestors(c, id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "更名；须带当前 version", responses = {
            @ApiResponse(responseCode = "200", description = "已更名"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "无权管理该组织"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突、同级重名或组织已撤销")})
    public Mono<OrganisationView> rename(@PathVariable String id, @Valid @RequestBody OrganisationRequests.Rename body) {
        return Callers.current().flatMap(c -> organisations.rename(c, id, body));
    }

    @PostMapping("/{id}/move")
    @Operation(summary = "调整隶属关系（移到另一上级组织之下，parentId 为空则成为顶级组织）；下级组织的祖先路径随之更新；中断后重发同一请求即可完成", responses = {
            @ApiResponse(responseCode = "200", description = "已移动"),
            @ApiResponse(responseCode = "400", description = "目标上级不存在、类别不匹配或不在同一组织树"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "无权调整"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "移到自身或下级之下（循环）、版本冲突、同名、组织树正在调整")})
    public Mono<OrganisationView> move(@PathVariable String id, @Valid @RequestBody OrganisationRequests.Move body) {
        return Callers.current().flatMap(c -> organisations.move(c, id, body));
    }

    @PostMapping("/{id}/dissolve")
    @Operation(summary = "撤销党组织：须已无下级组织和在册党员", responses = {
            @ApiResponse(responseCode = "200", description = "已撤销"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "无权撤销"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "尚有下级组织或党员（逐项列出）、版本冲突或已撤销")})
    public Mono<OrganisationView> dissolve(@PathVariable String id, @Valid @RequestBody OrganisationRequests.Dissolve body) {
        return Callers.current().flatMap(c -> organisations.dissolve(c, id, body));
    }

    @PutMapping("/{id}/covered-enterprises")
    @Operation(summary = "调整联合党支部或挂靠组织覆盖的成员单位（联合党支部 2–5 家）", responses = {
            @ApiResponse(responseCode = "200", description = "已调整"),
            @ApiResponse(responseCode = "400", description = "超过 5 家、单位不存在或状态不正常、组织不覆盖其他单位"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "无权管理该组织"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突，或被移除单位尚有党员在本组织")})
    public Mono<OrganisationView> coverage(@PathVariable String id, @Valid @RequestBody OrganisationRequests.Coverage body) {
        return Callers.current().flatMap(c -> organisations.changeCoverage(c, id, body));
    }

    @PutMapping("/{id}/officers")
    @Operation(summary = "设置班子成员（书记、副书记、委员及任职日期）；须为本组织在册党员，书记至多一名；班子配备规则以预警提示", responses = {
            @ApiResponse(responseCode = "200", description = "已设置"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（如 officers[1].memberId 不是本组织党员）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "无权管理该组织"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突或已撤销")})
    public Mono<OrganisationView> officers(@PathVariable String id, @Valid @RequestBody OrganisationRequests.Officers body) {
        return Callers.current().flatMap(c -> organisations.setOfficers(c, id, body));
    }

    @PostMapping("/{id}/term-renewal")
    @Operation(summary = "换届：登记新一届任期（termEnd 缺省按党委 5 年、党总支和党支部 3 年计算）", responses = {
            @ApiResponse(responseCode = "200", description = "已换届"),
            @ApiResponse(responseCode = "400", description = "日期无效或党小组不实行任期制"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "无权管理该组织"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突或已撤销")})
    public Mono<OrganisationView> renewTerm(@PathVariable String id, @Valid @RequestBody OrganisationRequests.TermRenewal body) {
        return Callers.current().flatMap(c -> organisations.renewTerm(c, id, body));
    }

    @GetMapping("/{id}/warnings")
    @Operation(summary = "该组织的规则预警及原因", responses = {
            @ApiResponse(responseCode = "200", description = "预警列表"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内")})
    public Mono<List<Warning>> warnings(@PathVariable String id) {
        return Callers.current().flatMap(c -> queries.warnings(c, id));
    }

    @PostMapping("/{id}/admins")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "为本单位的组织开通支部管理员（ORG_ADMIN）账户（企业党组织管理员）；初始密码只返回这一次，首次登录须修改", responses = {
            @ApiResponse(responseCode = "201", description = "已开通"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非本单位企业党组织管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "用户名或手机号已被占用，或组织已撤销")})
    public Mono<OrganisationService.AdminAccount> provisionAdmin(@PathVariable String id, @Valid @RequestBody OrganisationRequests.NewAdmin body) {
        return Callers.current().flatMap(c -> organisations.provisionAdmin(c, id, body));
    }

    @GetMapping("/{id}/admins")
    @Operation(summary = "该组织的支部管理员账户", responses = {
            @ApiResponse(responseCode = "200", description = "账户列表（手机号按角色脱敏）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "无权管理该组织"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内")})
    public Mono<List<OrganisationService.AdminView>> admins(@PathVariable String id) {
        return Callers.current().flatMap(c -> organisations.admins(c, id));
    }
}
