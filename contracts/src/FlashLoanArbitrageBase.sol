// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {Ownable2StepUpgradeable} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";

/// @dev The parts of a Uniswap V2 pair this contract uses.
interface IUniswapV2PairMinimal {
    function factory() external view returns (address);
    function token0() external view returns (address);
    function token1() external view returns (address);
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

/// @dev The part of a Uniswap V2 factory this contract uses.
interface IUniswapV2FactoryMinimal {
    function getPair(address tokenA, address tokenB) external view returns (address pair);
}

/// @dev The parts of a Uniswap V3 pool this contract uses.
interface IUniswapV3PoolMinimal {
    function factory() external view returns (address);
    function fee() external view returns (uint24);
    function swap(
        address recipient,
        bool zeroForOne,
        int256 amountSpecified,
        uint160 sqrtPriceLimitX96,
        bytes calldata data
    ) external returns (int256 amount0, int256 amount1);
}

/// @dev The part of a Uniswap V3 factory this contract uses.
interface IUniswapV3FactoryMinimal {
    function getPool(address tokenA, address tokenB, uint24 fee) external view returns (address pool);
}

/// @dev The part of the Balancer V2 Vault this contract uses.
interface IBalancerVaultMinimal {
    function flashLoan(address recipient, IERC20[] memory tokens, uint256[] memory amounts, bytes memory userData)
        external;
}

/// @dev The part of the Aave V3 Pool this contract uses.
interface IAavePoolMinimal {
    function flashLoanSimple(address receiver, address asset, uint256 amount, bytes calldata params, uint16 referral)
        external;
}

/// @title FlashLoanArbitrageBase
/// @notice The flash-loan arbitrage logic shared by every version of `FlashLoanArbitrage`: borrows
/// a token without capital (a Uniswap V2 flash swap, a Balancer V2 Vault flash loan or an Aave V3
/// `flashLoanSimple`), runs it through a cycle of 2 to 6 swaps made directly against
/// Uniswap-V2-style pairs (of any allowed factory, each with its own fee) and Uniswap V3 pools (of
/// any allowed V3 factory), repays the loan plus its premium and sends the profit to the owner,
/// all in one transaction. Reverts unless the profit is at least the caller-given minimum, so a
/// transaction that would lose money never lands.
/// @dev Deployed behind an ERC-1967 proxy (UUPS): only the owner can upgrade. State lives in
/// plain slots after OpenZeppelin's namespaced storage (slots 0-3: executor, executions,
/// balancerVault, aavePool), declared here only, so every version has the same layout; upgrades
/// must only append variables (contracts/storage-layout.json guards it). Newer state lives in its
/// own ERC-7201 namespace (the allowed factories, V2 then V3: fields only appended). Every
/// owner/executor check and the `caller` of `RouteExecuted` use `_msgSender()` (OpenZeppelin's
/// Context): `msg.sender` in version 1, the signer of a request relayed by the trusted EIP-2771
/// forwarder in versions 2 and later. Loan and swap callbacks check `msg.sender` (the lender or
/// pool itself), never `_msgSender()`.
///
/// What holds whoever starts a route (the owner, or the executor: a hot key that may be stolen):
/// 1. A loan callback runs only the route `execute` validated, once, and only for the lender it
///    is borrowing from right now: the lender and the hash of the encoded route are held in
///    transient storage for the duration of the loan, the callback must come from that lender
///    and carry exactly those bytes, and taking them clears both. The Balancer and Aave callbacks
///    also only come from the configured vault and pool, Aave's only with this contract as
///    initiator; the amount lent must be the route's.
/// 2. Every pool the route touches is one an allowed factory made: a Uniswap V2 lender's
///    `factory()` is on the V2 allow-list and that factory's `getPair(token0, token1)` is the
///    lender itself; each V2 hop's pair is its allowed factory's `getPair(tokenIn, tokenOut)`; each
///    V3 hop's pool is its allowed V3 factory's `getPool(tokenIn, tokenOut, pool.fee())`. All are
///    checked before the loan.
/// 3. A V3 swap callback pays only the pool this contract is swapping with right now (held in
///    transient storage for the duration of that one `swap`, cleared by its callback: one
///    callback per swap), only in the hop's input token, and at most the hop's input: what the
///    previous hop paid this contract (or the loan, for the first hop).
/// 4. The contract transfers only what a route moves: the loan into the first hop, each V3 hop's
///    input to its pool (3.), the repayment to the lender and the profit to the owner. After the
///    loan it holds at least `minProfit` more of the route's `token` than before (the profit is
///    then paid out, leaving exactly the balance it started with) and no less of any other token
///    on the route's path. Tokens not on the path are not touched at all.
/// 5. `execute` and `withdraw` are not re-entrant (a token with transfer hooks cannot call back
///    into them mid-route), and a callback outside a loan or swap this contract started reverts.
/// 6. Ownership can be transferred (in two steps) but not renounced: without an owner, profit
///    could not be paid out and the contract could never be upgraded or emptied again.
abstract contract FlashLoanArbitrageBase is
    Initializable,
    UUPSUpgradeable,
    Ownable2StepUpgradeable,
    ReentrancyGuardTransient
{
    using SafeERC20 for IERC20;
    using TransientSlot for *;
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice Borrow through a Uniswap V2 flash swap from the pair `lender` (a pair of an allowed
    /// factory).
    uint8 public constant SOURCE_UNISWAP_V2 = 0;
    /// @notice Borrow through a flash loan from the Balancer V2 Vault (`lender` must be the
    /// configured `balancerVault`).
    uint8 public constant SOURCE_BALANCER = 1;
    /// @notice Borrow through `flashLoanSimple` from the Aave V3 Pool (`lender` must be the
    /// configured `aavePool`).
    uint8 public constant SOURCE_AAVE = 2;

    /// @notice A hop through a Uniswap-V2-style pair of an allowed factory, at the hop's `feeBps`.
    uint8 public constant HOP_UNISWAP_V2 = 0;
    /// @notice A hop through a Uniswap V3 pool of an allowed V3 factory, at the pool's own fee.
    uint8 public constant HOP_UNISWAP_V3 = 1;

    /// @notice Fewest hops a route may have (a cycle needs two pools).
    uint256 public constant MIN_HOPS = 2;
    /// @notice Most hops a route may have.
    uint256 public constant MAX_HOPS = 6;

    /// @dev Uniswap V3's TickMath.MIN_SQRT_RATIO + 1 and MAX_SQRT_RATIO - 1: no price limit.
    uint160 private constant V3_NO_LIMIT_DOWN = 4295128740;
    uint160 private constant V3_NO_LIMIT_UP = 1461446703485210103287273052203988822378723970341;

    /// @notice One swap of a route: sell all of the previous hop's output (the loan, for the first
    /// hop) in `pool` for `tokenOut`. `kind` is HOP_UNISWAP_V2 or HOP_UNISWAP_V3; `feeBps` is a V2
    /// pair's fee in basis points (30 for Uniswap V2, 25 for PancakeSwap V2; the output is
    /// computed from the reserves as that pair's own `getAmountOut`) and must be 0 for a V3 pool
    /// (its own fee applies). `minOut` is the least the hop may pay out, 0 for no minimum.
    struct Hop {
        uint8 kind;
        address pool;
        address tokenOut;
        uint16 feeBps;
        uint256 minOut;
    }

    /// @notice One arbitrage: borrow `amount` of `token` from `lender` (a pair, the vault or the
    /// pool, per `source`), swap it along `hops` (2 to 6; the last hop's `tokenOut` must be `token`)
    /// and keep at least `minProfit` of `token` after repaying.
    struct Route {
        uint8 source;
        address lender;
        address token;
        uint256 amount;
        Hop[] hops;
        uint256 minProfit;
    }

    /// @dev keccak256(abi.encode(uint256(keccak256("arb.FlashLoanArbitrage.pendingPair")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant PENDING_LENDER_SLOT = 0x4ab5d044fb278705122b445b8959c0d73783061d70f40a390b92d8a951950d00;
    /// @dev keccak256(abi.encode(uint256(keccak256("arb.FlashLoanArbitrage.premium")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant PREMIUM_SLOT = 0xbafdd61529be8fb4ec357db653b5a38c21d82bb84898c6a751d239ddca7f1200;
    /// @dev Transient: keccak256 of the encoded route of the loan in progress.
    /// keccak256(abi.encode(uint256(keccak256("arb.FlashLoanArbitrage.routeHash")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ROUTE_HASH_SLOT = 0xaec3555f85561dd80aee066cd01d5e7211e1bfeb80316ab179c44c6a597ea600;
    /// @dev Transient: the V3 pool this contract is swapping with right now (zero otherwise).
    /// keccak256(abi.encode(uint256(keccak256("arb.FlashLoanArbitrage.v3Pool")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant V3_POOL_SLOT = 0xcf568a04f17260e4c7901727f89ca19492e00acb77da1ce00f2631eb24a54700;
    /// @dev Transient: that swap's input token.
    /// keccak256(abi.encode(uint256(keccak256("arb.FlashLoanArbitrage.v3TokenIn")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant V3_TOKEN_IN_SLOT = 0xe9e4ac53402229815da8d0cae0306fc20db6e2df671d9078b0e5795a8d260300;
    /// @dev Transient: that swap's output token.
    /// keccak256(abi.encode(uint256(keccak256("arb.FlashLoanArbitrage.v3TokenOut")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant V3_TOKEN_OUT_SLOT = 0x52e6c15cf25ede6d1f250501e6178653e1d7ed70296ad567fa89848684a4ef00;
    /// @dev Transient: that swap's input amount, the most its callback may pay.
    /// keccak256(abi.encode(uint256(keccak256("arb.FlashLoanArbitrage.v3MaxIn")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant V3_MAX_IN_SLOT = 0xed5cce1685fe6937dbd443336448166497f8903f0cb96bfc87ed1d6030be8a00;

    /// @custom:storage-location erc7201:arb.FlashLoanArbitrage.factories
    struct FactoriesStorage {
        /// @dev Uniswap-V2-style factories whose pairs may lend (flash swaps) and be hops.
        EnumerableSet.AddressSet allowed;
        /// @dev Uniswap V3 factories whose pools may be hops (appended in version 4).
        EnumerableSet.AddressSet allowedV3;
    }

    /// @dev keccak256(abi.encode(uint256(keccak256("arb.FlashLoanArbitrage.factories")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant FACTORIES_SLOT = 0x63d79215a3fced217476c29b63d112f7088066778eaebdafcc3c274365d62f00;

    /// @notice Address allowed to start arbitrages besides the owner (a hot key that cannot
    /// withdraw, upgrade or redirect profit). Zero if none.
    address public executor;

    /// @notice Number of routes executed successfully since deployment.
    uint256 public executions;

    /// @notice The Balancer V2 Vault to borrow from with SOURCE_BALANCER. Zero if none.
    address public balancerVault;

    /// @notice The Aave V3 Pool to borrow from with SOURCE_AAVE. Zero if none.
    address public aavePool;

    event RouteExecuted(
        uint256 indexed execution,
        address indexed lender,
        address indexed token,
        uint8 source,
        uint256 borrowed,
        uint256 premium,
        uint256 profit,
        address caller
    );
    event ExecutorChanged(address indexed previousExecutor, address indexed newExecutor);
    event BalancerVaultChanged(address indexed previousVault, address indexed newVault);
    event AavePoolChanged(address indexed previousPool, address indexed newPool);
    event Withdrawn(address indexed token, address indexed to, uint256 amount);
    event FactoryAllowed(address indexed factory, bool allowed);
    event V3FactoryAllowed(address indexed factory, bool allowed);
    event InventorySwapped(
        address indexed tokenIn, address indexed tokenOut, uint256 amountIn, uint256 amountOut, address caller
    );

    error NotOwnerOrExecutor(address caller);
    error UnauthorizedCallback(address caller, address initiator);
    error CallbackMismatch(address caller, string why);
    error BalanceDecreased(uint256 routeIndex, address token, uint256 before, uint256 afterwards);
    error InvalidFactory(address factory);
    error OwnershipCannotBeRenounced();
    error InvalidRoute(uint256 routeIndex, string why);
    error InsufficientToRepay(uint256 balance, uint256 owed);
    error ProfitBelowMinimum(uint256 routeIndex, uint256 profit, uint256 minProfit);
    error CallbackNotReceived(address lender);
    error NoRoutes();
    error InvalidHop(uint256 routeIndex, uint256 hop, string why);
    error HopBelowMinimum(uint256 hop, uint256 amountOut, uint256 minOut);
    error SwapBelowMinimum(uint256 amountOut, uint256 minOut);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Sets the owner, the optional executor, Balancer vault and Aave pool; called once
    /// through the proxy. No factory is allowed: routes need `setFactoriesAllowed` (V2 pairs) or
    /// `setV3FactoriesAllowed` (V3 pools) first.
    function initialize(
        address initialOwner,
        address initialExecutor,
        address initialBalancerVault,
        address initialAavePool
    ) external initializer {
        _initialize(initialOwner, initialExecutor, initialBalancerVault, initialAavePool);
    }

    /// @notice Like the other `initialize`, and allows `factories` (their pairs may lend).
    function initialize(
        address initialOwner,
        address initialExecutor,
        address initialBalancerVault,
        address initialAavePool,
        address[] calldata factories
    ) external initializer {
        _initialize(initialOwner, initialExecutor, initialBalancerVault, initialAavePool);
        _setFactoriesAllowed(factories, true);
    }

    /// @notice Like the other `initialize`, and allows `factories` (their pairs may lend and be
    /// hops) and `v3Factories` (their pools may be hops).
    function initialize(
        address initialOwner,
        address initialExecutor,
        address initialBalancerVault,
        address initialAavePool,
        address[] calldata factories,
        address[] calldata v3Factories
    ) external initializer {
        _initialize(initialOwner, initialExecutor, initialBalancerVault, initialAavePool);
        _setFactoriesAllowed(factories, true);
        _setV3FactoriesAllowed(v3Factories, true);
    }

    function _initialize(address owner_, address executor_, address vault_, address pool_) private {
        __Ownable_init(owner_);
        __Ownable2Step_init();
        _setExecutor(executor_);
        _setBalancerVault(vault_);
        _setAavePool(pool_);
    }

    /// @notice Version of this implementation; bumped by every upgrade.
    function version() external pure virtual returns (uint256);

    modifier onlyOwnerOrExecutor() {
        address sender = _msgSender();
        if (sender != owner() && sender != executor) revert NotOwnerOrExecutor(sender);
        _;
    }

    /// @notice Owner sets (or clears, with zero) the executor.
    function setExecutor(address newExecutor) external onlyOwner {
        _setExecutor(newExecutor);
    }

    /// @notice Owner sets (or clears, with zero) the Balancer vault.
    function setBalancerVault(address newVault) external onlyOwner {
        _setBalancerVault(newVault);
    }

    /// @notice Owner sets (or clears, with zero) the Aave pool.
    function setAavePool(address newPool) external onlyOwner {
        _setAavePool(newPool);
    }

    /// @notice Owner allows (or disallows) Uniswap-V2-style factories: only their pairs may lend
    /// through a flash swap or be V2 hops. Also the call to pass to `upgradeToAndCall` when
    /// upgrading a proxy that had no allow-list yet.
    function setFactoriesAllowed(address[] calldata factories, bool allowed) external onlyOwner {
        _setFactoriesAllowed(factories, allowed);
    }

    /// @notice The factories whose pairs may lend, in the order they were allowed (not kept
    /// after a removal).
    function allowedFactories() external view returns (address[] memory) {
        return _factories().allowed.values();
    }

    /// @notice Whether pairs of `factory` may lend and be hops.
    function isFactoryAllowed(address factory) external view returns (bool) {
        return _factories().allowed.contains(factory);
    }

    /// @notice Owner allows (or disallows) Uniswap V3 factories: only their pools may be V3 hops.
    function setV3FactoriesAllowed(address[] calldata factories, bool allowed) external onlyOwner {
        _setV3FactoriesAllowed(factories, allowed);
    }

    /// @notice The V3 factories whose pools may be hops, in the order they were allowed (not kept
    /// after a removal).
    function allowedV3Factories() external view returns (address[] memory) {
        return _factories().allowedV3.values();
    }

    /// @notice Whether pools of the V3 factory `factory` may be hops.
    function isV3FactoryAllowed(address factory) external view returns (bool) {
        return _factories().allowedV3.contains(factory);
    }

    /// @notice Disabled: a contract without owner could neither pay out profit nor be upgraded or
    /// emptied again. Transfer ownership instead (`transferOwnership` + `acceptOwnership`).
    function renounceOwnership() public pure override {
        revert OwnershipCannotBeRenounced();
    }

    /// @notice Executes every route in order, atomically: if one fails, the whole transaction
    /// reverts. Each route's profit goes to the owner.
    /// @return profits profit of each route in its token's smallest unit
    function execute(Route[] calldata routes)
        external
        onlyOwnerOrExecutor
        nonReentrant
        returns (uint256[] memory profits)
    {
        if (routes.length == 0) revert NoRoutes();
        profits = new uint256[](routes.length);
        address receiver = owner();
        for (uint256 i = 0; i < routes.length; i++) {
            profits[i] = _executeRoute(i, routes[i], receiver);
        }
    }

    /// @notice Swaps `amountIn` of `tokenIn` that this contract holds (its inventory, no loan) along
    /// `hops` (1 to 6 pools of allowed factories, each checked as a route's hops are) and keeps the
    /// output here; reverts unless it is at least `minOut`. The leg of a CEX-DEX cycle traded from
    /// inventory: the output stays in the contract (only the owner can `withdraw` it), so a stolen
    /// executor key can move inventory between tokens through allowed pools at a price it chooses
    /// (`minOut`) but cannot take it out. No other token this contract holds is touched, and no
    /// loan callback can run (none is pending).
    /// @return amountOut what the last hop paid this contract, in `tokenOut`'s smallest unit
    function swapRoute(address tokenIn, uint256 amountIn, Hop[] calldata hops, uint256 minOut)
        external
        onlyOwnerOrExecutor
        nonReentrant
        returns (uint256 amountOut)
    {
        uint256 n = hops.length;
        if (n == 0 || n > MAX_HOPS) revert InvalidRoute(0, "a swap has 1 to 6 hops");
        if (amountIn == 0) revert InvalidRoute(0, "amount is zero");
        address tokenOut = hops[n - 1].tokenOut;
        if (tokenOut == tokenIn) revert InvalidRoute(0, "a swap must pay out another token");
        _validateHops(0, tokenIn, hops, address(0));
        uint256 inBefore = IERC20(tokenIn).balanceOf(address(this));
        uint256 outBefore = IERC20(tokenOut).balanceOf(address(this));
        Hop[] memory path = hops;
        _swapAlong(tokenIn, path, amountIn);
        uint256 outAfter = IERC20(tokenOut).balanceOf(address(this));
        amountOut = outAfter > outBefore ? outAfter - outBefore : 0;
        if (amountOut < minOut) revert SwapBelowMinimum(amountOut, minOut);
        // the swap spent at most amountIn of tokenIn (a token on the path twice could only add)
        uint256 inAfter = IERC20(tokenIn).balanceOf(address(this));
        if (inAfter + amountIn < inBefore) revert BalanceDecreased(0, tokenIn, inBefore, inAfter);
        emit InventorySwapped(tokenIn, tokenOut, amountIn, amountOut, _msgSender());
    }

    /// @notice Uniswap V2 flash-swap callback. Accepts only the pair this contract is borrowing
    /// from right now, only for a swap this contract started, only with the route it started and
    /// only for the route's amount.
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external {
        if (msg.sender != _pendingLender() || sender != address(this)) {
            revert UnauthorizedCallback(msg.sender, sender);
        }
        Route memory route = _takeRoute(data);
        // one side only (a pair lends one token here), and exactly the route's amount
        if ((amount0 != 0 && amount1 != 0) || amount0 + amount1 != route.amount) {
            revert CallbackMismatch(msg.sender, "amount is not the route's");
        }
        _swapAndRepay(route, route.amount, route.amount + flashSwapPremium(route.amount));
    }

    /// @notice Balancer V2 flash-loan callback. Accepts only the configured vault, and only
    /// during a loan this contract started (Balancer names no initiator, so anyone could
    /// otherwise make the vault call here).
    function receiveFlashLoan(
        IERC20[] calldata tokens,
        uint256[] calldata amounts,
        uint256[] calldata feeAmounts,
        bytes calldata userData
    ) external {
        if (msg.sender != _pendingLender() || msg.sender != balancerVault) {
            revert UnauthorizedCallback(msg.sender, address(0));
        }
        Route memory route = _takeRoute(userData);
        if (tokens.length != 1 || address(tokens[0]) != route.token || amounts[0] != route.amount) {
            revert CallbackMismatch(msg.sender, "loan is not the route's");
        }
        _swapAndRepay(route, route.amount, route.amount + feeAmounts[0]);
    }

    /// @notice Aave V3 flash-loan callback. Accepts only the configured pool, only during a loan
    /// this contract started, and only with this contract as initiator. The pool pulls
    /// `amount + premium` after this returns, so it is approved for exactly that.
    function executeOperation(address asset, uint256 amount, uint256 premium, address initiator, bytes calldata params)
        external
        returns (bool)
    {
        if (msg.sender != _pendingLender() || msg.sender != aavePool || initiator != address(this)) {
            revert UnauthorizedCallback(msg.sender, initiator);
        }
        Route memory route = _takeRoute(params);
        if (asset != route.token || amount != route.amount) revert CallbackMismatch(msg.sender, "loan is not the route's");
        uint256 owed = route.amount + premium;
        uint256 received = _swapAlong(route.token, route.hops, route.amount);
        if (received < owed) revert InsufficientToRepay(received, owed);
        PREMIUM_SLOT.asUint256().tstore(premium);
        IERC20(route.token).forceApprove(msg.sender, owed);
        return true;
    }

    /// @notice Uniswap V3 swap callback. Accepts only the pool this contract is swapping with right
    /// now (a pool of an allowed V3 factory, checked before the loan), once per swap, and pays it
    /// only the hop's input token, at most the hop's input amount (invariant 3). `data` is not
    /// read: everything the payment depends on is in transient storage.
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        if (msg.sender != V3_POOL_SLOT.asAddress().tload()) revert UnauthorizedCallback(msg.sender, address(0));
        V3_POOL_SLOT.asAddress().tstore(address(0));
        address tokenIn = V3_TOKEN_IN_SLOT.asAddress().tload();
        // a pool's token0 is the lower address; the pool is owed the positive delta of the input
        int256 owed = tokenIn < V3_TOKEN_OUT_SLOT.asAddress().tload() ? amount0Delta : amount1Delta;
        if (owed < 0 || uint256(owed) > V3_MAX_IN_SLOT.asUint256().tload()) {
            revert CallbackMismatch(msg.sender, "owed amount is not within the hop's input");
        }
        if (owed > 0) IERC20(tokenIn).safeTransfer(msg.sender, uint256(owed));
    }

    /// @notice Owner takes tokens out of the contract (not from inside a route: a token's transfer
    /// hook cannot reach it mid-route).
    function withdraw(address token, address to, uint256 amount) external onlyOwner nonReentrant {
        IERC20(token).safeTransfer(to, amount);
        emit Withdrawn(token, to, amount);
    }

    /// @notice What a Uniswap V2 flash swap of `amount` costs on top of the amount itself.
    function flashSwapPremium(uint256 amount) public pure returns (uint256) {
        return (amount * 1000) / 997 + 1 - amount;
    }

    function _executeRoute(uint256 index, Route calldata route, address receiver) private returns (uint256 profit) {
        _validate(index, route);
        // held[i]: this contract's balance of the i-th token of the path before the loan (held[0]:
        // of the route's token; then each hop's output but the last, which is the route's token)
        uint256 hops = route.hops.length;
        uint256[] memory held = new uint256[](hops);
        held[0] = IERC20(route.token).balanceOf(address(this));
        for (uint256 i = 1; i < hops; i++) {
            held[i] = IERC20(route.hops[i - 1].tokenOut).balanceOf(address(this));
        }
        // the loan's callback runs exactly these bytes (invariant 1)
        bytes memory encoded = abi.encode(route);
        PENDING_LENDER_SLOT.asAddress().tstore(route.lender);
        ROUTE_HASH_SLOT.asBytes32().tstore(keccak256(encoded));
        if (route.source == SOURCE_UNISWAP_V2) {
            _borrowFromPair(index, route, encoded);
        } else if (route.source == SOURCE_BALANCER) {
            _borrowFromBalancer(index, route, encoded);
        } else {
            _borrowFromAave(index, route, encoded);
        }
        if (_pendingLender() != address(0)) revert CallbackNotReceived(route.lender);
        uint256 premium = PREMIUM_SLOT.asUint256().tload();
        PREMIUM_SLOT.asUint256().tstore(0);

        // invariant 4: no token of the path ends lower; the route's token ends >= minProfit higher
        for (uint256 i = 1; i < hops; i++) {
            address token = route.hops[i - 1].tokenOut;
            uint256 nowHeld = IERC20(token).balanceOf(address(this));
            if (nowHeld < held[i]) revert BalanceDecreased(index, token, held[i], nowHeld);
        }
        uint256 before = held[0];
        uint256 afterBalance = IERC20(route.token).balanceOf(address(this));
        profit = afterBalance > before ? afterBalance - before : 0;
        if (afterBalance < before || profit < route.minProfit) {
            revert ProfitBelowMinimum(index, profit, route.minProfit);
        }
        if (profit > 0) IERC20(route.token).safeTransfer(receiver, profit);
        executions += 1;
        emit RouteExecuted(
            executions, route.lender, route.token, route.source, route.amount, premium, profit, _msgSender()
        );
    }

    function _borrowFromPair(uint256 index, Route calldata route, bytes memory encoded) private {
        IUniswapV2PairMinimal pair = IUniswapV2PairMinimal(route.lender);
        address token0 = pair.token0();
        address token1 = pair.token1();
        // invariant 2: the lender is what its allowed factory says is the pair of these tokens, so
        // its answers (tokens, swap, callback) are the factory's pair code, not the caller's choice
        address factory = pair.factory();
        if (!_factories().allowed.contains(factory) || IUniswapV2FactoryMinimal(factory).getPair(token0, token1) != route.lender) {
            revert InvalidRoute(index, "lender is not a pair of an allowed factory");
        }
        bool tokenIs0 = token0 == route.token;
        if (!tokenIs0 && token1 != route.token) revert InvalidRoute(index, "loan pair does not hold token");
        pair.swap(tokenIs0 ? route.amount : 0, tokenIs0 ? 0 : route.amount, address(this), encoded);
    }

    function _borrowFromBalancer(uint256 index, Route calldata route, bytes memory encoded) private {
        if (route.lender != balancerVault || route.lender == address(0)) {
            revert InvalidRoute(index, "lender is not the configured Balancer vault");
        }
        IERC20[] memory tokens = new IERC20[](1);
        tokens[0] = IERC20(route.token);
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = route.amount;
        IBalancerVaultMinimal(route.lender).flashLoan(address(this), tokens, amounts, encoded);
    }

    function _borrowFromAave(uint256 index, Route calldata route, bytes memory encoded) private {
        if (route.lender != aavePool || route.lender == address(0)) {
            revert InvalidRoute(index, "lender is not the configured Aave pool");
        }
        IAavePoolMinimal(route.lender).flashLoanSimple(address(this), route.token, route.amount, encoded, 0);
    }

    /// @dev The lender this contract is borrowing from right now; zero outside a loan, and once its
    /// callback has started.
    function _pendingLender() private view returns (address) {
        return PENDING_LENDER_SLOT.asAddress().tload();
    }

    /// @dev Invariant 1, for a callback whose caller was checked against `_pendingLender()` (never
    /// zero there: the zero address sends no calls): `data` must be exactly the route `execute`
    /// validated. Consumes the loan, so a second callback fails the caller check.
    function _takeRoute(bytes calldata data) private returns (Route memory) {
        PENDING_LENDER_SLOT.asAddress().tstore(address(0));
        if (keccak256(data) != ROUTE_HASH_SLOT.asBytes32().tload()) {
            revert CallbackMismatch(msg.sender, "not the route this contract started");
        }
        ROUTE_HASH_SLOT.asBytes32().tstore(bytes32(0));
        return abi.decode(data, (Route));
    }

    /// @dev Runs the swaps on the borrowed amount, checks the loan can be repaid, repays the
    /// lender (msg.sender) and records the premium for the event.
    function _swapAndRepay(Route memory route, uint256 borrowed, uint256 owed) private {
        uint256 received = _swapAlong(route.token, route.hops, borrowed);
        if (received < owed) revert InsufficientToRepay(received, owed);
        PREMIUM_SLOT.asUint256().tstore(owed - borrowed);
        IERC20(route.token).safeTransfer(msg.sender, owed);
    }

    /// @dev The route's shape, then invariant 2 for every hop: each pool is what its allowed
    /// factory says is the pool of the hop's two tokens (and, for V3, of the pool's own fee), so its
    /// code is the factory's, not the caller's choice. The lender is checked when borrowing.
    function _validate(uint256 index, Route calldata route) private view {
        uint256 hops = route.hops.length;
        if (route.source > SOURCE_AAVE) revert InvalidRoute(index, "unknown loan source");
        if (hops < MIN_HOPS || hops > MAX_HOPS) revert InvalidRoute(index, "a route has 2 to 6 hops");
        if (route.amount == 0) revert InvalidRoute(index, "amount is zero");
        if (route.hops[hops - 1].tokenOut != route.token) {
            revert InvalidRoute(index, "the last hop must pay out the borrowed token");
        }
        _validateHops(index, route.token, route.hops, route.lender);
    }

    /// @dev Invariant 2 for each of `hops` starting in `tokenIn`: each pool is what its allowed
    /// factory says is the pool of the hop's two tokens (and, for V3, of the pool's own fee); none is
    /// `lender` (zero: no loan) and none appears twice.
    function _validateHops(uint256 index, address tokenIn, Hop[] calldata hops, address lender) private view {
        FactoriesStorage storage factories = _factories();
        for (uint256 i = 0; i < hops.length; i++) {
            Hop calldata hop = hops[i];
            if (hop.pool == lender) revert InvalidHop(index, i, "the lender is locked during the loan");
            for (uint256 j = 0; j < i; j++) {
                if (hops[j].pool == hop.pool) revert InvalidHop(index, i, "a pool may appear once per route");
            }
            if (hop.tokenOut == tokenIn) revert InvalidHop(index, i, "a hop must pay out another token");
            if (hop.kind == HOP_UNISWAP_V2) {
                if (hop.feeBps >= 10_000) revert InvalidHop(index, i, "fee must be below 10000 bps");
                address factory = _readAddress(hop.pool, abi.encodeCall(IUniswapV2PairMinimal.factory, ()));
                if (
                    !factories.allowed.contains(factory)
                        || _readAddress(factory, abi.encodeCall(IUniswapV2FactoryMinimal.getPair, (tokenIn, hop.tokenOut)))
                            != hop.pool
                ) {
                    revert InvalidHop(index, i, "not a pair of an allowed factory");
                }
            } else if (hop.kind == HOP_UNISWAP_V3) {
                if (hop.feeBps != 0) revert InvalidHop(index, i, "a V3 pool takes its own fee: feeBps must be 0");
                address factory = _readAddress(hop.pool, abi.encodeCall(IUniswapV3PoolMinimal.factory, ()));
                if (!factories.allowedV3.contains(factory)) revert InvalidHop(index, i, "not a pool of an allowed V3 factory");
                (bool answered, uint256 fee) = _readWord(hop.pool, abi.encodeCall(IUniswapV3PoolMinimal.fee, ()));
                if (
                    !answered || fee > type(uint24).max
                        || _readAddress(
                            factory, abi.encodeCall(IUniswapV3FactoryMinimal.getPool, (tokenIn, hop.tokenOut, uint24(fee)))
                        ) != hop.pool
                ) {
                    revert InvalidHop(index, i, "not a pool of an allowed V3 factory");
                }
            } else {
                revert InvalidHop(index, i, "unknown hop kind");
            }
            tokenIn = hop.tokenOut;
        }
    }

    /// @dev The address `target` answers to the view call `data`; zero if it does not answer with
    /// one (no code, a revert, or something else), so an unknown contract fails a check with its
    /// reason, not the decoder without one.
    function _readAddress(address target, bytes memory data) private view returns (address) {
        (bool ok, uint256 word) = _readWord(target, data);
        return !ok || word > type(uint160).max ? address(0) : address(uint160(word));
    }

    /// @dev The one word `target` answers to the view call `data`, and whether it answered so.
    function _readWord(address target, bytes memory data) private view returns (bool, uint256) {
        (bool ok, bytes memory ret) = target.staticcall(data);
        if (!ok || ret.length != 32) return (false, 0);
        return (true, abi.decode(ret, (uint256)));
    }

    /// @dev Sells the borrowed `amountIn` (held by this contract) along the hops and returns what
    /// the last hop paid this contract. A hop pays straight into the next pair when the next hop is
    /// a V2 pair (which measures its input from its balance, so fee-on-transfer tokens are priced
    /// correctly); else it pays this contract, which measures what came in: the input of the next
    /// V3 hop (its callback pays at most that) or the route's output.
    function _swapAlong(address token, Hop[] memory hops, uint256 amountIn) private returns (uint256) {
        uint256 n = hops.length;
        address tokenIn = token;
        if (hops[0].kind == HOP_UNISWAP_V2) IERC20(tokenIn).safeTransfer(hops[0].pool, amountIn);
        for (uint256 i = 0; i < n; i++) {
            Hop memory hop = hops[i];
            address to = i + 1 < n && hops[i + 1].kind == HOP_UNISWAP_V2 ? hops[i + 1].pool : address(this);
            bool measure = to == address(this) || hop.minOut > 0;
            uint256 before = measure ? IERC20(hop.tokenOut).balanceOf(to) : 0;
            if (hop.kind == HOP_UNISWAP_V2) {
                _swapV2(hop, tokenIn, to);
            } else {
                _swapV3(hop, tokenIn, amountIn, to);
            }
            if (measure) {
                amountIn = IERC20(hop.tokenOut).balanceOf(to) - before;
                if (amountIn < hop.minOut) revert HopBelowMinimum(i, amountIn, hop.minOut);
            }
            tokenIn = hop.tokenOut;
        }
        return amountIn;
    }

    /// @dev Swaps whatever of `tokenIn` was paid into the pair beyond its reserve, output to `to`,
    /// computed as the pair's own `getAmountOut` at `feeBps` (Uniswap's 997/1000 is 9970/10000).
    /// The pair's token0 is the lower address of the two (its factory sorts them; `_validate`
    /// checked the factory made this pair of exactly these tokens).
    function _swapV2(Hop memory hop, address tokenIn, address to) private {
        IUniswapV2PairMinimal pair = IUniswapV2PairMinimal(hop.pool);
        bool inIs0 = tokenIn < hop.tokenOut;
        (uint112 r0, uint112 r1,) = pair.getReserves();
        (uint256 reserveIn, uint256 reserveOut) = inIs0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 inWithFee = (IERC20(tokenIn).balanceOf(address(pair)) - reserveIn) * (10_000 - hop.feeBps);
        uint256 out = (inWithFee * reserveOut) / (reserveIn * 10_000 + inWithFee);
        pair.swap(inIs0 ? 0 : out, inIs0 ? out : 0, to, new bytes(0));
    }

    /// @dev Sells exactly `amountIn` of `tokenIn` (held by this contract) in the V3 pool, output to
    /// `to`, with no price limit (`minOut` and the route's profit are the limits). The pool pays
    /// first, then calls `uniswapV3SwapCallback`, which pays it (invariant 3).
    function _swapV3(Hop memory hop, address tokenIn, uint256 amountIn, address to) private {
        bool zeroForOne = tokenIn < hop.tokenOut;
        V3_POOL_SLOT.asAddress().tstore(hop.pool);
        V3_TOKEN_IN_SLOT.asAddress().tstore(tokenIn);
        V3_TOKEN_OUT_SLOT.asAddress().tstore(hop.tokenOut);
        V3_MAX_IN_SLOT.asUint256().tstore(amountIn);
        IUniswapV3PoolMinimal(hop.pool).swap(
            to, zeroForOne, SafeCast.toInt256(amountIn), zeroForOne ? V3_NO_LIMIT_DOWN : V3_NO_LIMIT_UP, new bytes(0)
        );
        if (V3_POOL_SLOT.asAddress().tload() != address(0)) revert CallbackNotReceived(hop.pool);
    }

    function _setExecutor(address newExecutor) private {
        emit ExecutorChanged(executor, newExecutor);
        executor = newExecutor;
    }

    function _setBalancerVault(address newVault) private {
        emit BalancerVaultChanged(balancerVault, newVault);
        balancerVault = newVault;
    }

    function _setAavePool(address newPool) private {
        emit AavePoolChanged(aavePool, newPool);
        aavePool = newPool;
    }

    function _setFactoriesAllowed(address[] calldata factories, bool allowed) private {
        EnumerableSet.AddressSet storage set = _factories().allowed;
        for (uint256 i = 0; i < factories.length; i++) {
            address factory = factories[i];
            if (allowed && factory.code.length == 0) revert InvalidFactory(factory);
            bool changed = allowed ? set.add(factory) : set.remove(factory);
            if (changed) emit FactoryAllowed(factory, allowed);
        }
    }

    function _setV3FactoriesAllowed(address[] calldata factories, bool allowed) private {
        EnumerableSet.AddressSet storage set = _factories().allowedV3;
        for (uint256 i = 0; i < factories.length; i++) {
            address factory = factories[i];
            if (allowed && factory.code.length == 0) revert InvalidFactory(factory);
            bool changed = allowed ? set.add(factory) : set.remove(factory);
            if (changed) emit V3FactoryAllowed(factory, allowed);
        }
    }

    function _factories() private pure returns (FactoriesStorage storage $) {
        assembly {
            $.slot := FACTORIES_SLOT
        }
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}
