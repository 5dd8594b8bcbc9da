"""Abstract illustrations drawn with Pillow, so the demo needs no downloaded (or licensed) images.

Shapes only, never text: an image of text is unreadable to screen readers and cannot reflow.
Each drawing is seeded, so the same name always gives the same picture.
"""

import random
from io import BytesIO

from PIL import Image, ImageDraw

DEEP_BLUE = (18, 53, 91)
TEAL = (15, 118, 110)
GOLD = (180, 83, 9)
PLUM = (107, 44, 87)
MIST = (241, 245, 249)
SAND = (250, 246, 239)
SKY = (226, 236, 244)
PALETTE = (DEEP_BLUE, TEAL, GOLD, PLUM)

# Drawn at twice the size and scaled down: Pillow's shapes have no anti-aliasing of their own.
SUPERSAMPLE = 2


def gradient(size, top, bottom):
    """A vertical gradient between two colours, as the calm background of every drawing.

    Blended in one column and then stretched: the same pixels as blending the full canvas, in a
    third of the time.
    """
    column = (1, 256)
    mask = Image.linear_gradient("L").resize(column)
    blend = Image.composite(Image.new("RGB", column, bottom), Image.new("RGB", column, top), mask)
    return blend.resize(size, Image.Resampling.BILINEAR)


def circles(draw, size, rng):
    """Overlapping circles: many people, many overlapping identities."""
    width, height = size
    for index in range(7):
        colour = PALETTE[index % len(PALETTE)]
        radius = rng.uniform(0.18, 0.32) * height
        x = width * (0.2 + 0.6 * index / 6) + rng.uniform(-0.05, 0.05) * width
        y = height * 0.5 + rng.uniform(-0.18, 0.18) * height
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour + (140,))


def steps(draw, size, rng):
    """Four rising steps: the Diversity 1.0–4.0 path taken one level at a time."""
    width, height = size
    step_width = width * 0.16
    gap = width * 0.04
    left = width * 0.12
    for index, colour in enumerate(PALETTE):
        top = height * (0.68 - 0.15 * index)
        x0 = left + index * (step_width + gap)
        draw.rounded_rectangle(
            (x0, top, x0 + step_width, height * 0.86),
            radius=height * 0.02,
            fill=colour + (215,),
        )
    # A small marker on the top step, like a destination reached.
    cx = left + 3 * (step_width + gap) + step_width / 2
    cy = height * (0.68 - 0.45) - height * 0.08
    r = height * 0.045
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=GOLD + (255,))


def path(draw, size, rng):
    """A winding path with waypoints: a career mapped out in concrete steps."""
    width, height = size
    points = []
    for index in range(7):
        x = width * (0.08 + 0.84 * index / 6)
        y = height * (0.72 - 0.42 * index / 6) + rng.uniform(-0.12, 0.12) * height
        points.append((x, y))
    draw.line(points, fill=TEAL + (200,), width=int(height * 0.035), joint="curve")
    for index, (x, y) in enumerate(points):
        r = height * (0.035 if index < len(points) - 1 else 0.06)
        colour = GOLD if index == len(points) - 1 else DEEP_BLUE
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour + (255,))


def nodes(draw, size, rng):
    """Connected nodes: partners across the region linked to one another."""
    width, height = size
    # A jittered grid keeps the nodes spread out; lines first so every node sits on top of them.
    points = [
        (
            (0.15 + 0.23 * col + rng.uniform(-0.07, 0.07)) * width,
            (0.22 + 0.28 * row + rng.uniform(-0.08, 0.08)) * height,
        )
        for row in range(3)
        for col in range(4)
    ]
    for x0, y0 in points:
        nearest = sorted(points, key=lambda p: (p[0] - x0) ** 2 + (p[1] - y0) ** 2)[1:3]
        for x1, y1 in nearest:
            draw.line((x0, y0, x1, y1), fill=DEEP_BLUE + (110,), width=int(height * 0.008))
    for index, (x0, y0) in enumerate(points):
        r = height * rng.uniform(0.035, 0.06)
        colour = PALETTE[index % len(PALETTE)]
        draw.ellipse((x0 - r, y0 - r, x0 + r, y0 + r), fill=colour + (235,))


def bars(draw, size, rng):
    """Rounded bars of different heights: many voices, measured and compared."""
    width, height = size
    count = 9
    slot = width * 0.8 / count
    for index in range(count):
        colour = PALETTE[index % len(PALETTE)]
        bar_height = height * rng.uniform(0.25, 0.7)
        x0 = width * 0.1 + index * slot + slot * 0.15
        draw.rounded_rectangle(
            (x0, height * 0.85 - bar_height, x0 + slot * 0.7, height * 0.85),
            radius=slot * 0.2,
            fill=colour + (200,),
        )


def arcs(draw, size, rng):
    """Concentric arcs rising from the horizon: an office reaching outward across the school."""
    width, height = size
    cx, cy = width * 0.5, height * 1.05
    for index in range(6):
        radius = height * (0.35 + 0.17 * index)
        colour = PALETTE[index % len(PALETTE)]
        draw.arc(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            180,
            360,
            fill=colour + (190,),
            width=int(height * 0.05),
        )
    r = height * rng.uniform(0.18, 0.22)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=GOLD + (230,))


def portrait(draw, size, rng):
    """A head-and-shoulders silhouette on soft circles: a stand-in for a staff photo, never a real face."""
    width, height = size
    colour = PALETTE[rng.randrange(len(PALETTE))]
    for index in range(3):
        r = height * rng.uniform(0.12, 0.22)
        x, y = width * rng.uniform(0.1, 0.9), height * rng.uniform(0.1, 0.5)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=PALETTE[(index + 1) % len(PALETTE)] + (60,))
    cx = width * 0.5
    draw.ellipse((cx - width * 0.36, height * 0.66, cx + width * 0.36, height * 1.3), fill=colour + (235,))
    r = height * 0.17
    cy = height * 0.42
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour + (255,))


MOTIFS = {
    "circles": circles,
    "steps": steps,
    "path": path,
    "nodes": nodes,
    "bars": bars,
    "arcs": arcs,
    "portrait": portrait,
}
BACKGROUNDS = {"mist": (MIST, SKY), "sand": (SAND, MIST), "sky": (SKY, MIST)}


def render_png(motif, size, background="mist", seed=0):
    """Draw one illustration and return it as PNG bytes."""
    big = (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE)
    rng = random.Random(f"{motif}-{seed}")
    canvas = gradient(big, *BACKGROUNDS[background])
    # An "RGBA" draw on an RGB image blends each translucent shape with what is beneath, so overlaps make new tones.
    MOTIFS[motif](ImageDraw.Draw(canvas, "RGBA"), big, rng)
    # Averaging each block of pixels is the anti-aliasing filter for a whole-number supersample.
    picture = canvas.reduce(SUPERSAMPLE)
    buffer = BytesIO()
    # Pillow's `optimize` made these files larger, not smaller, and took three times as long.
    picture.save(buffer, format="PNG")
    return buffer.getvalue()
